package com.exchange.ledger.api.operations;

import com.exchange.ledger.api.LedgerApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/admin/operations}, the operations page's figures: for an operations scope only, and showing what the
 * ledger holds — a hold just taken in the youngest age bucket, a pending withdrawal in flight, every processor's lag
 * and parked events, the scheduled reconciliation not run (it is off in tests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Operations: GET /api/admin/operations for ledger:admin or ledger:audit, with the sampled figures")
class OperationsEndpointTest {

    static final String WRITER = "ops-writer-key-0123456789";
    static final String ADMIN = "ops-admin-key-0123456789";
    static final String AUDITOR = "ops-auditor-key-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        LedgerApplication.quietAxon();
        String dataDir = Files.createTempDirectory("ledger-operations-").toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.mongo-url", () -> "");
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write,ledger:read;" + ADMIN + "=ledger:admin;" + AUDITOR + "=ledger:audit");
    }

    @Autowired
    WebTestClient http;

    private void post(String path, String json) {
        http.post().uri(path).header("Authorization", "Bearer " + WRITER).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange().expectStatus().isOk();
    }

    private JsonNode operations(String key) throws IOException {
        byte[] body = http.get().uri("/api/admin/operations").header("Authorization", "Bearer " + key).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    @BeforeAll
    void aHoldAndAPendingWithdrawal() {
        post("/api/ledger/credits", "{\"operation_id\":\"ops-c1\",\"user_id\":\"olga\",\"currency\":\"BTC\",\"amount\":\"2\",\"reason\":\"deposit\"}");
        post("/api/ledger/holds", "{\"hold_id\":\"ops-h1\",\"user_id\":\"olga\",\"currency\":\"BTC\",\"amount\":\"0.5\"}");
        post("/api/withdrawals", "{\"withdrawal_id\":\"ops-w1\",\"user_id\":\"olga\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"fee\":\"0.0001\",\"address\":\"bc1qolga\"}");
    }

    @Test
    @DisplayName("without a key 401, with a key lacking ledger:admin or ledger:audit 403 (problem+json), a bad query 400")
    void closedToOthers() {
        http.get().uri("/api/admin/operations").exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/admin/operations").header("Authorization", "Bearer " + WRITER).exchange()
                .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
        http.get().uri("/api/admin/operations?processor=wallets").header("Authorization", "Bearer " + ADMIN).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
        // only a read: the figures cannot be written or reset
        http.post().uri("/api/admin/operations").header("Authorization", "Bearer " + ADMIN).exchange()
                .expectStatus().value(status -> assertThat(status).isIn(404, 405));
    }

    @Test
    @DisplayName("the hold in the youngest bucket, the withdrawal in flight, each processor's lag and parked events")
    void theSampledFigures() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String key : List.of(ADMIN, AUDITOR)) {
                JsonNode figures = operations(key);
                assertThat(figures.path("sampled_at").isTextual()).as("sampled_at").isTrue();
                // the withdrawal's lock of amount and fee is a hold too
                assertThat(figures.path("open_holds_by_age").path("lt_1h").asLong()).isEqualTo(2);
                assertThat(figures.path("open_holds_by_age").path("1h_24h").asLong()).isZero();
                assertThat(figures.path("open_holds_by_age").path("gt_24h").asLong()).isZero();
                assertThat(figures.path("flows_in_flight").path("withdrawals").asLong()).isEqualTo(1);
                assertThat(figures.path("flows_in_flight").path("p2p_trades").asLong()).isZero();
                assertThat(figures.path("transfers_in_flight").asLong()).isZero();
                assertThat(figures.path("parked_events").asLong()).isZero();
                List<String> names = new ArrayList<>();
                figures.path("processors").forEach(processor -> {
                    names.add(processor.path("name").asText());
                    assertThat(processor.path("lag_events").asLong()).as("lag of %s", processor).isZero();
                    assertThat(processor.path("lag_seconds").isNumber()).isTrue();
                    assertThat(processor.path("parked").asLong()).isZero();
                });
                assertThat(names).contains("read-models", "transfer-policy", "product-flows").isSorted();
                assertThat(figures.path("last_reconciliation").path("verdict").asText()).isEqualTo("not run yet");
            }
        });
    }
}
