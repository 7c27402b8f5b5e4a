package com.exchange.ledger.api.migrated;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.migration.MigrationMain;
import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Go-live: the real migration seeds a store with legacy rows whose amounts are locked (a pending withdrawal, a P2P
 * escrow), the service starts on that store, and every migrated hold is settled over HTTP like any other hold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DisplayName("Holds brought in by the migration are released and unlocked through the service")
class MigratedHoldsTest {

    static final String WRITER = "migrated-writer-key-01";
    static final String READER = "migrated-reader-key-01";
    static final String AUDITOR = "migrated-audit-key-012";
    static final String DB = "go_live";
    static final Duration PATIENCE = Duration.ofSeconds(30);
    static final String WITHDRAWAL_HOLD = "migration:internal_balances:sspending-row";
    static final String ESCROW_HOLD = "migration:trader_balances:sescrow-row";

    /** Left running for the JVM: the service's processors poll it until the test context is closed at exit. */
    static EmbeddedMongo store;

    @DynamicPropertySource
    static void migratedStore(DynamicPropertyRegistry registry) {
        LedgerApplication.quietAxon();
        store = EmbeddedMongo.inMemory();
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoDatabase legacy = client.getDatabase(DB);
            legacy.getCollection("internal_balances").insertOne(new Document("_id", "spending-row").append("user_id", "mira")
                    .append("currency", "BTC").append("balance", "1.5").append("locked_balance", 0.25));
            legacy.getCollection("trader_balances").insertOne(new Document("_id", "escrow-row").append("user_id", "otto")
                    .append("currency", "USDT").append("available_balance", 10).append("locked_balance", "40.5"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = MigrationMain.run(new String[0], Map.of("MONGO_URL", store.connectionString(), "DB_NAME", DB),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        registry.add("ledger.mongo-url", store::connectionString);
        registry.add("ledger.db-name", () -> DB);
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write;" + READER + "=ledger:read;" + AUDITOR + "=ledger:audit");
    }

    WebTestClient http;

    @Autowired
    void client(WebTestClient client) {
        // the first requests of a cold service on a fresh store take longer than the client's default 5 s
        this.http = client.mutate().responseTimeout(PATIENCE).build();
    }

    private WebTestClient.ResponseSpec post(String path, String json) {
        return http.post().uri(path).header("Authorization", "Bearer " + WRITER).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange();
    }

    private JsonNode ok(String path, String json) {
        return post(path, json).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode get(String key, String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + key).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** available/locked of one account as the wallets view shows it. */
    private String balances(String user, String currency) {
        for (JsonNode balance : get(READER, "/api/wallets/balances/" + user).get("balances")) {
            if (balance.get("currency").asText().equals(currency)) {
                return balance.get("available_balance").asText() + "/" + balance.get("locked_balance").asText();
            }
        }
        return "-";
    }

    private List<String> openHolds() {
        return get(AUDITOR, "/api/audit/holds").findValuesAsText("hold_id");
    }

    @Test
    @DisplayName("a migrated withdrawal hold is released out of the exchange, a migrated escrow is unlocked back; repeats answer the same")
    void settleMigratedHolds() {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(openHolds()).contains(WITHDRAWAL_HOLD, ESCROW_HOLD));
        assertThat(balances("mira", "BTC")).isEqualTo("1.50000000/0.25000000");
        assertThat(balances("otto", "USDT")).isEqualTo("10.000000/40.500000");

        JsonNode released = ok("/api/ledger/holds/" + WITHDRAWAL_HOLD + "/release", "{\"fee\":\"0.0005\"}");
        assertThat(released.get("user_id").asText()).isEqualTo("mira");
        assertThat(released.get("available_balance").asText()).isEqualTo("1.50000000");
        assertThat(released.get("locked_balance").asText()).isEqualTo("0.00000000");
        assertThat(ok("/api/ledger/holds/" + WITHDRAWAL_HOLD + "/release", "{\"fee\":\"0.0005\"}")).isEqualTo(released);

        JsonNode unlocked = ok("/api/ledger/holds/" + ESCROW_HOLD + "/unlock", "{}");
        assertThat(unlocked.get("user_id").asText()).isEqualTo("otto");
        assertThat(unlocked.get("available_balance").asText()).isEqualTo("50.500000");
        assertThat(unlocked.get("locked_balance").asText()).isEqualTo("0.000000");
        assertThat(ok("/api/ledger/holds/" + ESCROW_HOLD + "/unlock", "{}")).isEqualTo(unlocked);
        post("/api/ledger/holds/" + ESCROW_HOLD + "/release", "{}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("HOLD_ALREADY_SETTLED");

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(balances("mira", "BTC")).isEqualTo("1.50000000/0.00000000");
            assertThat(balances("otto", "USDT")).isEqualTo("50.500000/0.000000");
            assertThat(openHolds()).doesNotContain(WITHDRAWAL_HOLD, ESCROW_HOLD);
        });
    }

    @Test
    @DisplayName("a new hold cannot take a migrated hold's id for another account")
    void migrationIdsAreReserved() {
        post("/api/ledger/holds", "{\"hold_id\":\"migration:internal_balances:other\",\"user_id\":\"mira\",\"currency\":\"BTC\",\"amount\":\"0.1\"}")
                .expectStatus().isEqualTo(400).expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
    }
}
