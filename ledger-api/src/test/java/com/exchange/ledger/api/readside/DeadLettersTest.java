package com.exchange.ledger.api.readside;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.core.transfer.TransferPolicy;
import com.exchange.ledger.core.trade.TradeEvents.TradeOpened;
import com.exchange.ledger.core.wallet.TransferSent;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.core.process.ProductFlows;
import com.exchange.ledger.core.referral.ReferralCommissionPolicy;
import com.exchange.ledger.projections.audit.LedgerReplay;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.flows.FlowsProjection;
import com.exchange.ledger.projections.flows.TradesView;
import com.exchange.ledger.projections.system.SystemBalancesProjection;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Design rule 8 under a transient store fault injected into one handler: a read model parks the event (and every
 * later one of its sequence), the parked events are listed by the admin endpoint and counted by the reconciliation,
 * and after the fault has passed a retry makes the view right; a money-moving policy never parks, it retries until
 * the step succeeds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(HandlerFault.Wiring.class)
class DeadLettersTest {

    static final String WRITER = "dl-writer-key-0123456";
    static final String READER = "dl-reader-key-0123456";
    static final String ADMIN = "dl-admin-key-01234567";
    static final String AUDITOR = "dl-audit-key-01234567";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        LedgerApplication.quietAxon();
        String dataDir = Files.createTempDirectory("ledger-dead-letters-").toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.mongo-url", () -> "");
        registry.add("ledger.flows.sweep-interval", () -> "200ms");
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write;" + READER + "=ledger:read;" + ADMIN + "=ledger:admin;"
                + AUDITOR + "=ledger:audit");
    }

    @Autowired
    WebTestClient http;
    @Autowired
    HandlerFault fault;
    @Autowired
    MongoDatabase ledgerDatabase;
    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;

    @org.junit.jupiter.api.BeforeEach
    void patientClient() {
        // the first requests of a cold service on a busy machine take longer than the client's 5 s default
        http = http.mutate().responseTimeout(PATIENCE).build();
    }

    @AfterEach
    void healed() {
        fault.heal();
    }

    JsonNode post(String key, String path, String json) {
        return http.post().uri(path).header("Authorization", "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    JsonNode get(String key, String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + key).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    void credit(String operation, String user, String currency, String amount) {
        post(WRITER, "/api/ledger/credits", "{\"operation_id\":\"" + operation + "\",\"user_id\":\"" + user + "\",\"currency\":\""
                + currency + "\",\"amount\":\"" + amount + "\"}");
    }

    /** The parked events of one group as the admin endpoint lists them. */
    JsonNode parked(String group) {
        for (JsonNode entry : get(ADMIN, "/api/admin/dead-letters").get("processing_groups")) {
            if (entry.get("processing_group").asText().equals(group)) {
                return entry;
            }
        }
        throw new AssertionError("no group " + group + " in the listing");
    }

    List<String> parkedTypes(String group) {
        List<String> types = new ArrayList<>();
        parked(group).get("events").forEach(e -> types.add(e.get("event_type").asText()));
        return types;
    }

    Document wallet(String user, String currency) {
        return ledgerDatabase.getCollection(WalletsProjection.COLLECTION).find(Filters.eq("_id", user + "/" + currency)).first();
    }

    @Test
    @DisplayName("flows misses a TradeOpened while the store fails: it is parked and shown, and after a retry the trade expires and the escrow comes back")
    void parkedTradeOpenedIsRetried() {
        credit("dl-t-fund", "dl-seller", "USDT", "100");
        fault.failNext(TradesView.class, TradeOpened.class, Integer.MAX_VALUE);
        JsonNode opened = post(WRITER, "/api/p2p/trades", "{\"trade_id\":\"dl-t-1\",\"seller_id\":\"dl-seller\",\"buyer_id\":\"dl-buyer\","
                + "\"currency\":\"USDT\",\"amount\":\"40\",\"fee\":\"0\",\"expires_in_seconds\":1}");
        assertThat(opened.get("status").asText()).isEqualTo("open");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(parkedTypes(FlowsProjection.PROCESSING_GROUP)).containsExactly("TradeOpened"));
        JsonNode group = parked(FlowsProjection.PROCESSING_GROUP);
        assertThat(group.get("parked").asLong()).isEqualTo(1);
        assertThat(group.get("events").get(0).get("aggregate_id").asText()).isEqualTo("trade:dl-t-1");
        assertThat(group.get("events").get(0).get("cause_type").asText()).isEqualTo("com.mongodb.MongoSocketReadException");
        JsonNode report = get(AUDITOR, "/api/audit/reconciliation");
        assertThat(report.get("parked_events").get(FlowsProjection.PROCESSING_GROUP).asLong()).isEqualTo(1);
        assertThat(report.get("clean").asBoolean()).isFalse();
        // the view does not know the trade is open, so the sweeper cannot expire it: the escrow stays locked
        assertThat(ledgerDatabase.getCollection(FlowsProjection.TRADES).find(Filters.eq("_id", "dl-t-1")).first().getString("status"))
                .isEqualTo("requested");

        fault.heal();
        JsonNode retried = post(ADMIN, "/api/admin/dead-letters/" + FlowsProjection.PROCESSING_GROUP + "/retry", "{}");
        assertThat(retried.get("sequences_cleared").asInt()).isEqualTo(1);
        assertThat(retried.get("still_parked").asLong()).isZero();
        assertThat(parked(FlowsProjection.PROCESSING_GROUP).get("parked").asLong()).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> {
            Document seller = wallet("dl-seller", "USDT");
            assertThat(((Decimal128) seller.get("available_balance")).bigDecimalValue()).isEqualByComparingTo("100");
            assertThat(((Decimal128) seller.get("locked_balance")).bigDecimalValue()).isEqualByComparingTo("0");
        });
        assertThat(ledgerDatabase.getCollection(FlowsProjection.TRADES).find(Filters.eq("_id", "dl-t-1")).first().getString("status"))
                .isEqualTo("expired");
        assertThat(get(AUDITOR, "/api/audit/reconciliation").get("parked_events").size()).isZero();
    }

    @Test
    @DisplayName("a wallet event that fails is parked with the later events of its account, other accounts go on, and a retry makes the document right")
    void parkedWalletEventsHoldBackTheirAccountOnly() {
        fault.failNext(WalletsProjection.class, WalletEvent.class, 1);
        credit("dl-w-1", "dl-x", "BTC", "1");
        credit("dl-w-2", "dl-x", "BTC", "0.5");
        credit("dl-w-3", "dl-y", "BTC", "2");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(wallet("dl-y", "BTC")).isNotNull());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(parked(WalletsProjection.PROCESSING_GROUP).get("parked").asLong()).isEqualTo(2));
        assertThat(parkedTypes(WalletsProjection.PROCESSING_GROUP)).containsExactly("FundsCredited", "FundsCredited");
        assertThat(wallet("dl-x", "BTC")).isNull();
        assertThat(fault.thrown()).isEqualTo(1);

        post(ADMIN, "/api/admin/dead-letters/" + WalletsProjection.PROCESSING_GROUP + "/retry", "{}");
        Document x = wallet("dl-x", "BTC");
        assertThat(((Decimal128) x.get("available_balance")).bigDecimalValue()).isEqualByComparingTo("1.5");
        assertThat(x.get("last_sequence")).isEqualTo(1L);
        assertThat(parked(WalletsProjection.PROCESSING_GROUP).get("parked").asLong()).isZero();
    }

    @Test
    @DisplayName("system balances need stream order: one failure parks every later event, and the retried sums equal the replay")
    void systemBalancesParkInStreamOrder() {
        fault.failNext(SystemBalancesProjection.class, WalletEvent.class, 1);
        credit("dl-s-1", "dl-s1", "LTC", "3");
        credit("dl-s-2", "dl-s2", "LTC", "4");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(parked(SystemBalancesProjection.PROCESSING_GROUP).get("parked").asLong())
                .isGreaterThanOrEqualTo(2));

        post(ADMIN, "/api/admin/dead-letters/" + SystemBalancesProjection.PROCESSING_GROUP + "/retry", "{}");
        assertThat(parked(SystemBalancesProjection.PROCESSING_GROUP).get("parked").asLong()).isZero();
        await().atMost(PATIENCE).untilAsserted(() -> {
            LedgerReplay replay = new LedgerReplay();
            engine.readEvents(null, false).forEach(m -> {
                if (m.getPayload() instanceof WalletEvent event) {
                    replay.apply(event, m.getTimestamp());
                }
            });
            java.util.Map<String, BigDecimal> expected = replay.systemBalances().get("LTC");
            assertThat(expected.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("-7");
            expected.forEach((account, balance) -> {
                Document shown = ledgerDatabase.getCollection(SystemBalancesProjection.COLLECTION).find(Filters.eq("_id", account + "/LTC")).first();
                assertThat(shown).as(account).isNotNull();
                assertThat(((Decimal128) shown.get("balance")).bigDecimalValue()).as(account).isEqualByComparingTo(balance);
            });
        });
    }

    @Test
    @DisplayName("a money-moving policy never parks: a transfer whose delivery fails three times is retried until it arrives")
    void policyRetriesUntilItSucceeds() {
        credit("dl-p-fund", "dl-payer", "ETH", "1");
        fault.failNext(TransferPolicy.class, TransferSent.class, 3);
        post(WRITER, "/api/ledger/transfers", "{\"transfer_id\":\"dl-p-1\",\"from_user_id\":\"dl-payer\",\"to_user_id\":\"dl-payee\","
                + "\"currency\":\"ETH\",\"amount\":\"0.25\",\"fee\":\"0\"}");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(wallet("dl-payee", "ETH")).isNotNull());
        assertThat(((Decimal128) wallet("dl-payee", "ETH").get("available_balance")).bigDecimalValue()).isEqualByComparingTo("0.25");
        assertThat(fault.thrown()).isEqualTo(3);
        for (String policy : List.of(TransferPolicy.PROCESSING_GROUP, ProductFlows.PROCESSING_GROUP, ReferralCommissionPolicy.PROCESSING_GROUP)) {
            assertThat(processing.deadLetterQueue(policy)).as(policy).isEmpty();
            assertThat(processing.listenerInvocationErrorHandler(policy)).as(policy).isInstanceOf(PropagatingErrorHandler.class);
        }
    }

    @Test
    @DisplayName("dead letters are for admins; an unknown group is a 404 problem")
    void adminOnlyAndKnownGroups() {
        http.get().uri("/api/admin/dead-letters").header("Authorization", "Bearer " + READER).exchange().expectStatus().isForbidden();
        http.post().uri("/api/admin/dead-letters/nope/retry").header("Authorization", "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND").jsonPath("$.trace").doesNotExist();
    }
}
