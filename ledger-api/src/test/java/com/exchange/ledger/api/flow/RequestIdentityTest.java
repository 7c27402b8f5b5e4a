package com.exchange.ledger.api.flow;

import com.exchange.ledger.api.LedgerApplication;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What makes two requests the same, over real HTTP on the embedded store: an id names one request, its repeat answers
 * the first outcome, any other content under it is a conflict, and a refusal claims nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DisplayName("Request identity: repeats, conflicts and refusals that claim nothing")
class RequestIdentityTest {

    static final String WRITER = "identity-writer-key-01";
    static final String READER = "identity-reader-key-01";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        LedgerApplication.quietAxon();
        String dataDir = Files.createTempDirectory("ledger-identity-").toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.mongo-url", () -> "");
        registry.add("ledger.flows.sweep-interval", () -> "200ms");
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write;" + READER + "=ledger:read");
    }

    WebTestClient http;

    @Autowired
    void client(WebTestClient client) {
        // the first requests of a cold service take longer than the client's default 5 s on a busy machine
        this.http = client.mutate().responseTimeout(PATIENCE).build();
    }

    WebTestClient.ResponseSpec post(String key, String path, String json) {
        return http.post().uri(path).header("Authorization", "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange();
    }

    JsonNode ok(String key, String path, String json) {
        return post(key, path, json).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    JsonNode refused(String key, String path, String json, int status, String code) {
        return post(key, path, json).expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    void conflict(String path, String json) {
        assertThat(refused(WRITER, path, json, 409, "OPERATION_CONFLICT").get("code").asText()).as(json).isIn("OPERATION_CONFLICT", "HOLD_ALREADY_EXISTS");
    }

    JsonNode get(String key, String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + key).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    void credit(String operation, String user, String currency, String amount) {
        ok(WRITER, "/api/ledger/credits", "{\"operation_id\":\"" + operation + "\",\"user_id\":\"" + user + "\",\"currency\":\""
                + currency + "\",\"amount\":\"" + amount + "\"}");
    }

    String balances(String user, String currency) {
        for (JsonNode balance : get(READER, "/api/wallets/balances/" + user).get("balances")) {
            if (balance.get("currency").asText().equals(currency)) {
                return balance.get("available_balance").asText() + "/" + balance.get("locked_balance").asText();
            }
        }
        return "-";
    }

    void awaitBalances(String user, String currency, String expected) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(balances(user, currency)).isEqualTo(expected));
    }

    @Nested
    @DisplayName("express buy and its payment reference")
    class PaymentReferences {

        static String order(String orderId, String paymentRef) {
            return order(orderId, "pia", paymentRef);
        }

        static String order(String orderId, String user, String paymentRef) {
            return "{\"order_id\":\"" + orderId + "\",\"user_id\":\"" + user + "\",\"fiat_currency\":\"EUR\",\"fiat_amount\":\"50.00\","
                    + "\"currency\":\"BTC\",\"amount\":\"0.001\",\"fee\":\"0.00001\",\"payment_ref\":\"" + paymentRef + "\"}";
        }

        @Test
        @DisplayName("an order repeated with another payment_ref is 409 and leaves that reference free for a new order")
        void refusedRepeatClaimsNothing() {
            JsonNode first = ok(WRITER, "/api/express-buy", order("eb-1", "card-1"));
            assertThat(first.get("status").asText()).isEqualTo("completed");
            JsonNode conflict = refused(WRITER, "/api/express-buy", order("eb-1", "card-2"), 409, "OPERATION_CONFLICT");
            assertThat(conflict.get("code").asText()).isEqualTo("OPERATION_CONFLICT");

            JsonNode fifth = ok(WRITER, "/api/express-buy", order("eb-5", "card-2"));
            assertThat(fifth.get("status").asText()).isEqualTo("completed");
            assertThat(fifth.get("payment_ref").asText()).isEqualTo("card-2");
            awaitBalances("pia", "BTC", "0.00198000/0.00000000");
        }

        @Test
        @DisplayName("a payment_ref already bought with is refused for another order, naming the order, not an account")
        void referenceBuysOnce() {
            ok(WRITER, "/api/express-buy", order("eb-7", "pol", "card-7"));
            JsonNode refusal = refused(WRITER, "/api/express-buy", order("eb-8", "pol", "card-7"), 409, "OPERATION_CONFLICT");
            assertThat(refusal.get("code").asText()).isEqualTo("OPERATION_CONFLICT");
            assertThat(refusal.get("detail").asText()).contains("payment_ref card-7").contains("another order").doesNotContain("account");
            assertThat(ok(WRITER, "/api/express-buy", order("eb-7", "pol", "card-7")).get("order_id").asText()).isEqualTo("eb-7");
        }
    }
}
