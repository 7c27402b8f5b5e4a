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
    static final String NAMED_ADMIN = "identity-admin-key-0001";
    static final String UNNAMED_ADMIN = "identity-admin-key-0002";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        LedgerApplication.quietAxon();
        String dataDir = Files.createTempDirectory("ledger-identity-").toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.mongo-url", () -> "");
        registry.add("ledger.flows.sweep-interval", () -> "200ms");
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write;" + READER + "=ledger:read;ops-anna:" + NAMED_ADMIN + "=ledger:admin;"
                + UNNAMED_ADMIN + "=ledger:admin");
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

    /** A refusal with this status and this code, as problem+json. */
    JsonNode refused(String key, String path, String json, int status, String code) {
        JsonNode problem = problem(key, path, json, status);
        assertThat(problem.get("code").asText()).as(json).isEqualTo(code);
        return problem;
    }

    private JsonNode problem(String key, String path, String json, int status) {
        return post(key, path, json).expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** A 409 for an id reused with other content: a hold's id answers with its own code. */
    void conflict(String path, String json) {
        assertThat(problem(WRITER, path, json, 409).get("code").asText()).as(json).isIn("OPERATION_CONFLICT", "HOLD_ALREADY_EXISTS");
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

    /** The same id and body answers the first outcome; the same id with any one field changed is 409. */
    void sameOrConflict(String path, String body, String... changes) {
        JsonNode first = ok(WRITER, path, body);
        assertThat(ok(WRITER, path, body)).as("repeat of " + body).isEqualTo(first);
        for (int i = 0; i < changes.length; i += 2) {
            assertThat(body).contains(changes[i]);
            conflict(path, body.replace(changes[i], changes[i + 1]));
        }
        assertThat(ok(WRITER, path, body)).as("repeat after the conflicts").isEqualTo(first);
    }

    @Nested
    @DisplayName("the same id with any field changed is a conflict, in every flow")
    class Repeats {

        @Test
        @DisplayName("P2P trade: another expiry, amount, fee, buyer, seller or currency under the same trade_id is 409")
        void trades() {
            credit("id-fund-t", "tess", "USDT", "1000");
            credit("id-fund-t2", "tom", "USDT", "1000");
            sameOrConflict("/api/p2p/trades", "{\"trade_id\":\"id-t-1\",\"seller_id\":\"tess\",\"buyer_id\":\"tim\",\"currency\":\"USDT\","
                            + "\"amount\":\"200\",\"fee\":\"2\",\"expires_in_seconds\":600}",
                    "600", "900", "\"200\"", "\"201\"", "\"2\"", "\"3\"", "\"tim\"", "\"tia\"", "\"tess\"", "\"tom\"", "USDT", "USDC");
        }

        @Test
        @DisplayName("withdrawal: another amount, fee, address or currency under the same withdrawal_id is 409")
        void withdrawals() {
            credit("id-fund-w", "wes", "BTC", "1");
            sameOrConflict("/api/withdrawals", "{\"withdrawal_id\":\"id-w-1\",\"user_id\":\"wes\",\"currency\":\"BTC\",\"amount\":\"0.5\","
                            + "\"fee\":\"0.0005\",\"address\":\"bc1qxyz\"}",
                    "0.5\"", "0.4\"", "0.0005", "0.0006", "bc1qxyz", "bc1qabc", "BTC", "ETH", "\"wes\"", "\"wil\"");
        }

        @Test
        @DisplayName("swap: another rate, amount, fee, fee currency or target currency under the same swap_id is 409")
        void swaps() {
            credit("id-fund-s", "sue", "BTC", "1");
            sameOrConflict("/api/swaps", "{\"swap_id\":\"id-s-1\",\"user_id\":\"sue\",\"from_currency\":\"BTC\",\"to_currency\":\"USDT\","
                            + "\"from_amount\":\"0.1\",\"rate\":\"65000\",\"fee_currency\":\"BTC\",\"fee\":\"0.001\"}",
                    "65000", "65001", "0.1\"", "0.2\"", "0.001", "0.002", "\"fee_currency\":\"BTC\"", "\"fee_currency\":\"USDT\"",
                    "\"to_currency\":\"USDT\"", "\"to_currency\":\"USDC\"");
        }

        @Test
        @DisplayName("express buy: another amount, fee, fiat amount, fiat currency or user under the same order_id is 409")
        void expressBuys() {
            sameOrConflict("/api/express-buy", "{\"order_id\":\"id-eb-1\",\"user_id\":\"ezra\",\"fiat_currency\":\"EUR\",\"fiat_amount\":\"100.00\","
                            + "\"currency\":\"ETH\",\"amount\":\"0.03\",\"fee\":\"0.0003\",\"payment_ref\":\"id-card-1\"}",
                    "0.03\"", "0.04\"", "0.0003", "0.0004", "100.00", "101.00", "EUR", "USD", "\"ezra\"", "\"erik\"");
        }

        @Test
        @DisplayName("savings: another amount or direction under the same operation_id is 409")
        void savings() {
            credit("id-fund-v", "vera", "USDT", "100");
            sameOrConflict("/api/savings/transfers", "{\"operation_id\":\"id-v-1\",\"user_id\":\"vera\",\"currency\":\"USDT\","
                            + "\"amount\":\"10\",\"direction\":\"to_savings\"}",
                    "\"10\"", "\"11\"", "to_savings", "from_savings", "\"vera\"", "\"vic\"");
        }

        @Test
        @DisplayName("generic commands: credits, debits, holds and transfers with one field changed are 409")
        void ledgerCommands() {
            sameOrConflict("/api/ledger/credits", "{\"operation_id\":\"id-c-1\",\"user_id\":\"gus\",\"currency\":\"USDT\",\"amount\":\"100\","
                            + "\"reason\":\"bonus\",\"counter_account\":\"system:treasury\"}",
                    "\"100\"", "\"101\"", "bonus", "refund", "system:treasury", "system:fees", "\"gus\"", "\"gil\"");
            sameOrConflict("/api/ledger/debits", "{\"operation_id\":\"id-d-1\",\"user_id\":\"gus\",\"currency\":\"USDT\",\"amount\":\"10\","
                            + "\"reason\":\"charge\"}",
                    "\"10\"", "\"11\"", "charge", "other");
            sameOrConflict("/api/ledger/holds", "{\"hold_id\":\"id-h-1\",\"user_id\":\"gus\",\"currency\":\"USDT\",\"amount\":\"5\","
                            + "\"reason\":\"escrow\"}",
                    "\"5\"", "\"6\"", "escrow", "other", "\"gus\"", "\"gil\"");
            sameOrConflict("/api/ledger/transfers", "{\"transfer_id\":\"id-x-1\",\"from_user_id\":\"gus\",\"to_user_id\":\"gia\","
                            + "\"currency\":\"USDT\",\"amount\":\"20\",\"fee\":\"1\"}",
                    "\"20\"", "\"21\"", "\"1\"", "\"2\"", "\"gia\"", "\"gil\"");
        }

        @Test
        @DisplayName("a refused command answers its refusal again for the same body, and 409 for another")
        void refusalRepeats() {
            String debit = "{\"operation_id\":\"id-d-9\",\"user_id\":\"nia\",\"currency\":\"BTC\",\"amount\":\"1\",\"reason\":\"fee\"}";
            JsonNode refusal = refused(WRITER, "/api/ledger/debits", debit, 422, "INSUFFICIENT_FUNDS");
            assertThat(refused(WRITER, "/api/ledger/debits", debit, 422, "INSUFFICIENT_FUNDS").get("code")).isEqualTo(refusal.get("code"));
            conflict("/api/ledger/debits", debit.replace("\"fee\"", "\"other\""));
        }
    }

    @Nested
    @DisplayName("every admin decision records the API key that took it")
    class Decisions {

        void requestWithdrawal(String id, String user) {
            credit("fund-" + id, user, "BTC", "1");
            ok(WRITER, "/api/withdrawals", "{\"withdrawal_id\":\"" + id + "\",\"user_id\":\"" + user + "\",\"currency\":\"BTC\","
                    + "\"amount\":\"0.1\",\"fee\":\"0.0001\",\"address\":\"bc1qdecided\"}");
        }

        JsonNode decide(String key, String path) {
            return http.post().uri(path).header("Authorization", "Bearer " + key).exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody();
        }

        @Test
        @DisplayName("an approval without a body is decided by the key's configured name, in the answer and in the withdrawal's GET")
        void approvalWithoutBody() {
            requestWithdrawal("dw-1", "dora");
            JsonNode approved = decide(NAMED_ADMIN, "/api/withdrawals/dw-1/approve");
            assertThat(approved.get("status").asText()).isEqualTo("approved");
            assertThat(approved.get("decided_by").asText()).isEqualTo("ops-anna");
            assertThat(approved.get("decided_by_key_name").asText()).isEqualTo("ops-anna");
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode shown = get(READER, "/api/withdrawals/dw-1");
                assertThat(shown.get("status").asText()).isEqualTo("approved");
                assertThat(shown.get("decided_by").asText()).isEqualTo("ops-anna");
                assertThat(shown.get("decided_by_key_name").asText()).isEqualTo("ops-anna");
            });
            // the decision stands as first taken: another key repeating it changes no name
            assertThat(decide(UNNAMED_ADMIN, "/api/withdrawals/dw-1/approve").get("decided_by_key_name").asText()).isEqualTo("ops-anna");
        }

        @Test
        @DisplayName("a rejection naming an admin keeps that admin and the key: an unnamed key gets a stable name that is not the key")
        void rejectionByUnnamedKey() {
            requestWithdrawal("dw-2", "dirk");
            JsonNode rejected = http.post().uri("/api/withdrawals/dw-2/reject").header("Authorization", "Bearer " + UNNAMED_ADMIN)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"reason\":\"address check\",\"admin_id\":\"ops-bert\"}")
                    .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(rejected.get("decided_by").asText()).isEqualTo("ops-bert");
            String keyName = rejected.get("decided_by_key_name").asText();
            assertThat(keyName).matches("key-[0-9a-f]{8}").doesNotContain(UNNAMED_ADMIN);
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode pending = get(READER, "/api/withdrawals?user_id=dirk");
                assertThat(pending.get("items").get(0).get("status").asText()).isEqualTo("rejected");
                assertThat(pending.get("items").get(0).get("decided_by").asText()).isEqualTo("ops-bert");
                assertThat(pending.get("items").get(0).get("decided_by_key_name").asText()).isEqualTo(keyName);
            });
        }
    }
}
