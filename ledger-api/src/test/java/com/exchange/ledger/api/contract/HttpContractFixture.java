package com.exchange.ledger.api.contract;

import com.exchange.ledger.api.LedgerApplication;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One service on the embedded store over real HTTP, with a key per scope. The contract tests share it (one Spring
 * context for all of them): each test uses its own ids and users.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a deadline for a loaded CI machine, not a measure (issue 19)
@AutoConfigureWebTestClient(timeout = "PT60S")
abstract class HttpContractFixture {

    static final String WRITER = "contract-writer-key-01";
    static final String READER = "contract-reader-key-01";
    static final String ADMIN = "contract-admin-key-012";
    static final String AUDITOR = "contract-audit-key-012";
    static final String SECRET = "contract-ipn-secret";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        LedgerApplication.quietAxon();
        String dataDir = Files.createTempDirectory("ledger-contract-").toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.mongo-url", () -> "");
        registry.add("ledger.nowpayments-ipn-secret", () -> SECRET);
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write;" + READER + "=ledger:read;" + ADMIN + "=ledger:admin;"
                + AUDITOR + "=ledger:audit");
    }

    @Autowired
    WebTestClient http;

    WebTestClient.ResponseSpec call(HttpMethod method, String key, String path, String json) {
        WebTestClient.RequestBodySpec request = http.method(method).uri(path).header("Authorization", "Bearer " + key);
        return json == null ? request.exchange() : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    JsonNode post(String key, String path, String json) {
        return call(HttpMethod.POST, key, path, json).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    JsonNode get(String key, String path) {
        return call(HttpMethod.GET, key, path, null).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** A refusal as the contract has it: the status, problem+json, its stable code, and the detail it gives. */
    String refused(HttpMethod method, String key, String path, String json, int status, String code) {
        JsonNode problem = call(method, key, path, json).expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.has("trace")).isFalse();
        return problem.get("detail").asText();
    }

    void credit(String operation, String user, String currency, String amount) {
        post(WRITER, "/api/ledger/credits", "{\"operation_id\":\"" + operation + "\",\"user_id\":\"" + user + "\",\"currency\":\""
                + currency + "\",\"amount\":\"" + amount + "\"}");
    }

    /** A NOWPayments callback for {@code user}, signed as the gateway signs it. */
    JsonNode ipn(String paymentId, String user, String status, String actuallyPaid) {
        String body = "{\"payment_id\":" + paymentId + ",\"payment_status\":\"" + status + "\",\"pay_amount\":100.5,\"actually_paid\":"
                + actuallyPaid + ",\"pay_currency\":\"usdttrc20\",\"order_id\":\"" + user + "\"}";
        return http.post().uri("/api/payments/nowpayments/ipn").contentType(MediaType.APPLICATION_JSON)
                .header("x-nowpayments-sig", hmac(com.exchange.ledger.api.deposit.TestCanonical.of(body))).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    static String hmac(String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until a read-model query answers 200 (the views follow the events within moments). */
    JsonNode awaitGet(String key, String path) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            var result = call(HttpMethod.GET, key, path, null).expectBody(JsonNode.class).returnResult();
            assertThat(result.getStatus().value()).as("GET %s", path).isEqualTo(200);
            found[0] = result.getResponseBody();
        });
        return found[0];
    }
}
