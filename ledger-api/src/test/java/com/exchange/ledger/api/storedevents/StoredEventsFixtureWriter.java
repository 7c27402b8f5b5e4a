package com.exchange.ledger.api.storedevents;

import com.exchange.ledger.core.OnDemand;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.admin.CatchUp;
import com.exchange.ledger.api.deposit.TestCanonical;
import com.exchange.ledger.core.StoredTypes;
import com.exchange.ledger.core.deposit.DepositEvents.DepositCreditDue;
import com.exchange.ledger.core.deposit.DepositEvents.PaymentNotificationRecorded;
import com.exchange.ledger.core.deposit.PaymentId;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.wallet.WalletAccount;
import com.exchange.ledger.migration.MigrationMain;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes the stored-events fixture of {@link StoredEventsReplayTest}: a fresh store seeded by the real migration, then
 * every product flow over HTTP (the happy path and the refusals that are stored), until the store holds every event
 * type {@link StoredTypes} names; then the {@code events} collection as written, and the balances and views it led to.
 * <p>
 * Not part of the suite (its name matches no surefire include); run on purpose only:
 * <pre>nice -n 19 ./mvnw -q -o -pl ledger-api -am verify -Dtest=StoredEventsFixtureWriter -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true</pre>
 * It writes into {@code ledger-api/src/test/resources/stored-events} (or {@code -Dledger.stored-events.out=DIR}).
 * <b>Never overwrite the committed fixture</b> with it when a change is meant to keep stored events compatible: the
 * fixture is the record of what older code stored, and regenerating it would make the test prove nothing.
 */
@OnDemand("writes the committed stored-events fixture; running it in the suite would overwrite the record of what older code stored")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StoredEventsFixtureWriter {

    static final String WRITER = "fixture-writer-key-0123";
    static final String READER = "fixture-reader-key-0123";
    static final String ADMIN = "fixture-admin-key-01234";
    static final String SECRET = "ipn-fixture-secret";
    static final String DB = "ledger_fixture";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Left running for the JVM: the service polls it until the context closes at exit. */
    static MongoServer store;

    @DynamicPropertySource
    static void seededStore(DynamicPropertyRegistry registry) {
        LedgerApplication.quietAxon();
        store = new MongoServer(new H2Backend(MVStore.open(null)));
        String url = store.bindAndGetConnectionString();
        try (MongoClient client = MongoClients.create(url)) {
            MongoDatabase legacy = client.getDatabase(DB);
            legacy.getCollection("internal_balances").insertOne(new Document("_id", "mig-row").append("user_id", "mia")
                    .append("currency", "BTC").append("balance", "1.5").append("locked_balance", 0.25));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = MigrationMain.run(new String[0], Map.of("MONGO_URL", url, "DB_NAME", DB),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        registry.add("ledger.mongo-url", () -> url);
        registry.add("ledger.db-name", () -> DB);
        registry.add("ledger.nowpayments-ipn-secret", () -> SECRET);
        registry.add("ledger.flows.sweep-interval", () -> "200ms");
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write;" + READER + "=ledger:read;" + ADMIN + "=ledger:admin");
    }

    WebTestClient http;

    @Autowired
    void client(WebTestClient client) {
        this.http = client.mutate().responseTimeout(PATIENCE).build();
    }

    @Autowired
    MongoDatabase ledgerDatabase;
    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    @DisplayName("every stored event type, written by this code, with the balances and views it leads to")
    void write() {
        // wallet events: credits, a debit, the three ends of a hold, savings both ways
        credit("f-ann-btc", "ann", "BTC", "3");
        credit("f-ann-usdt", "ann", "USDT", "5000");
        credit("f-ann-eth", "ann", "ETH", "10");
        ok(WRITER, "/api/ledger/debits", "{\"operation_id\":\"f-debit\",\"user_id\":\"ann\",\"currency\":\"USDT\",\"amount\":\"100\",\"reason\":\"payout\"}");
        ok(WRITER, "/api/ledger/holds", "{\"hold_id\":\"h-unlock\",\"user_id\":\"ann\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"reason\":\"escrow\"}");
        ok(WRITER, "/api/ledger/holds/h-unlock/unlock", "{}");
        ok(WRITER, "/api/ledger/holds", "{\"hold_id\":\"h-out\",\"user_id\":\"ann\",\"currency\":\"BTC\",\"amount\":\"0.2\",\"reason\":\"withdrawal\"}");
        ok(WRITER, "/api/ledger/holds/h-out/release", "{\"fee\":\"0.0001\",\"destination\":\"external:withdrawals\"}");
        ok(WRITER, "/api/ledger/holds", "{\"hold_id\":\"h-bob\",\"user_id\":\"ann\",\"currency\":\"BTC\",\"amount\":\"0.3\",\"reason\":\"p2p\"}");
        ok(WRITER, "/api/ledger/holds/h-bob/release", "{\"to_user_id\":\"bob\",\"fee\":\"0.001\"}");
        ok(WRITER, "/api/ledger/holds", "{\"hold_id\":\"h-open\",\"user_id\":\"ann\",\"currency\":\"ETH\",\"amount\":\"0.5\",\"reason\":\"kept open\"}");
        ok(WRITER, "/api/savings/transfers", "{\"operation_id\":\"f-save\",\"user_id\":\"ann\",\"currency\":\"ETH\",\"amount\":\"1\",\"direction\":\"to_savings\"}");
        ok(WRITER, "/api/savings/transfers", "{\"operation_id\":\"f-unsave\",\"user_id\":\"ann\",\"currency\":\"ETH\",\"amount\":\"0.25\",\"direction\":\"from_savings\"}");

        // transfers: one received, one returned by a recipient at the balance limit
        ok(WRITER, "/api/ledger/transfers", "{\"transfer_id\":\"x-ok\",\"from_user_id\":\"ann\",\"to_user_id\":\"bob\",\"currency\":\"USDT\",\"amount\":\"50\",\"fee\":\"1\"}");
        for (int i = 0; i < 10; i++) {
            // one credit stays below 10^15, the balance below 10^16: ten bring it to 10 short of the limit
            credit("f-whale-" + i, "whale", "USDT", "999999999999999");
        }
        ok(WRITER, "/api/ledger/transfers", "{\"transfer_id\":\"x-back\",\"from_user_id\":\"ann\",\"to_user_id\":\"whale\",\"currency\":\"USDT\",\"amount\":\"20\",\"fee\":\"0.5\"}");

        // a referral, and a fee its user pays: the referrer's commission
        put("/api/referrals/cid", "{\"referrer_id\":\"ann\",\"commission_rate\":\"0.2\"}");
        credit("f-cid", "cid", "USDT", "100");
        ok(WRITER, "/api/ledger/transfers", "{\"transfer_id\":\"x-cid\",\"from_user_id\":\"cid\",\"to_user_id\":\"bob\",\"currency\":\"USDT\",\"amount\":\"20\",\"fee\":\"2\"}");

        // withdrawals: approved, rejected, refused
        ok(WRITER, "/api/withdrawals", "{\"withdrawal_id\":\"w-ok\",\"user_id\":\"ann\",\"currency\":\"BTC\",\"amount\":\"0.5\",\"fee\":\"0.0005\",\"address\":\"bc1qxyz\"}");
        ok(ADMIN, "/api/withdrawals/w-ok/approve", "{\"admin_id\":\"ops-1\"}");
        ok(WRITER, "/api/withdrawals", "{\"withdrawal_id\":\"w-no\",\"user_id\":\"ann\",\"currency\":\"USDT\",\"amount\":\"60\",\"fee\":\"1\",\"address\":\"TXabc\"}");
        ok(ADMIN, "/api/withdrawals/w-no/reject", "{\"reason\":\"address on a sanctions list\"}");
        post(WRITER, "/api/withdrawals", "{\"withdrawal_id\":\"w-refused\",\"user_id\":\"bob\",\"currency\":\"ETH\",\"amount\":\"1\",\"fee\":\"0.01\",\"address\":\"0xabc\"}")
                .expectStatus().isEqualTo(422);

        // P2P trades: completed, cancelled, expired, refused
        ok(WRITER, "/api/p2p/trades", "{\"trade_id\":\"t-done\",\"seller_id\":\"ann\",\"buyer_id\":\"bob\",\"currency\":\"USDT\",\"amount\":\"200\",\"fee\":\"2\",\"expires_in_seconds\":600}");
        ok(WRITER, "/api/p2p/trades/t-done/complete", "{}");
        ok(WRITER, "/api/p2p/trades", "{\"trade_id\":\"t-cancel\",\"seller_id\":\"ann\",\"buyer_id\":\"bob\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"fee\":\"0\",\"expires_in_seconds\":600}");
        ok(WRITER, "/api/p2p/trades/t-cancel/cancel", "{}");
        ok(WRITER, "/api/p2p/trades", "{\"trade_id\":\"t-expired\",\"seller_id\":\"ann\",\"buyer_id\":\"bob\",\"currency\":\"ETH\",\"amount\":\"1.5\",\"fee\":\"0.01\",\"expires_in_seconds\":1}");
        post(WRITER, "/api/p2p/trades", "{\"trade_id\":\"t-refused\",\"seller_id\":\"bob\",\"buyer_id\":\"ann\",\"currency\":\"BTC\",\"amount\":\"5\",\"fee\":\"0\",\"expires_in_seconds\":600}")
                .expectStatus().isEqualTo(422);

        // swaps: completed, refused
        ok(WRITER, "/api/swaps", "{\"swap_id\":\"s-ok\",\"user_id\":\"ann\",\"from_currency\":\"USDT\",\"to_currency\":\"BTC\",\"from_amount\":\"970\","
                + "\"rate\":\"0.0000103\",\"fee_currency\":\"USDT\",\"fee\":\"3\"}");
        post(WRITER, "/api/swaps", "{\"swap_id\":\"s-refused\",\"user_id\":\"bob\",\"from_currency\":\"USDT\",\"to_currency\":\"BTC\",\"from_amount\":\"100000\","
                + "\"rate\":\"0.00001\",\"fee_currency\":\"USDT\",\"fee\":\"0.01\"}").expectStatus().isEqualTo(422);

        // express buys: completed, refused (the buyer is at the balance limit)
        ok(WRITER, "/api/express-buy", "{\"order_id\":\"o-ok\",\"user_id\":\"eve\",\"fiat_currency\":\"EUR\",\"fiat_amount\":\"100.00\",\"currency\":\"ETH\","
                + "\"amount\":\"0.03\",\"fee\":\"0.0003\",\"payment_ref\":\"card-9f3\"}");
        post(WRITER, "/api/express-buy", "{\"order_id\":\"o-refused\",\"user_id\":\"whale\",\"fiat_currency\":\"EUR\",\"fiat_amount\":\"100.00\",\"currency\":\"USDT\","
                + "\"amount\":\"100\",\"fee\":\"1\",\"payment_ref\":\"card-whale\"}");

        // deposits: waiting, partly paid, finished, a late lower callback (review), a callback for another user (review)
        ipn(callback("9001", "dee", "waiting", "0", "usdttrc20"));
        ipn(callback("9001", "dee", "partially_paid", "40.25", "usdttrc20"));
        ipn(callback("9001", "dee", "finished", "100.50", "usdttrc20"));
        ipn(callback("9001", "dee", "partially_paid", "40.25", "usdttrc20"));
        ipn(callback("9001", "mallory", "finished", "100.50", "usdttrc20"));

        // a deposit as stores before 2026-12 hold it: the credit due as an event of its own
        appendOldStyleDeposit();

        await().atMost(PATIENCE).until(() -> ledgerDatabase.getCollection("p2p_trades")
                .find(Filters.and(Filters.eq("_id", "t-expired"), Filters.eq("status", "expired"))).first() != null);
        awaitEveryProcessor();

        List<Document> events = ledgerDatabase.getCollection("events").find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        Set<String> written = new TreeSet<>();
        events.forEach(event -> {
            if (event.getString("payloadType") != null) {
                written.add(event.getString("payloadType"));
            }
        });
        Set<String> named = new TreeSet<>(StoredTypes.all().keySet());
        named.remove(StoredTypes.nameOf(WalletAccount.class).orElseThrow());
        assertThat(written).as("the fixture holds every stored event type").isEqualTo(named);

        Path out = Path.of(System.getProperty("ledger.stored-events.out", "src/test/resources/" + StoredEventsFixture.RESOURCE));
        StoredEventsFixture.write(out, StoredEventsFixture.EVENTS, events);
        StoredEventsFixture.write(out, StoredEventsFixture.COUNTERS, ledgerDatabase.getCollection("event_counters").find()
                .sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        StoredEventsFixture.write(out, StoredEventsFixture.BALANCES, StoredEventsFixture.balances(ledgerDatabase));
        StoredEventsFixture.write(out, StoredEventsFixture.VIEWS, StoredEventsFixture.views(ledgerDatabase));
    }

    private void appendOldStyleDeposit() {
        PaymentId payment = PaymentId.of("8001");
        AccountId account = AccountId.of("old", "BTC");
        var btc = CurrencyTable.defaults().require("BTC");
        String type = ledgerDatabase.getCollection("events").find(Filters.regex("aggregateIdentifier", "^deposit:")).first().getString("type");
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        engine.appendIndependentEvents(List.of(
                new GenericDomainEventMessage<>(type, payment.toString(), 0,
                        PaymentNotificationRecorded.only(payment, account, "finished", btc.parse("0.25"), "0.25", at)),
                new GenericDomainEventMessage<>(type, payment.toString(), 1,
                        new DepositCreditDue(payment, account, 1, btc.parse("0.25"), btc.parse("0.25")))));
    }

    private void awaitEveryProcessor() {
        List<String> processors = List.copyOf(processing.eventProcessors().keySet());
        // the policies' commands append more events: wait until a pass finds the head unchanged
        long head;
        do {
            head = engine.head();
            CatchUp.await(processing, processors, head, PATIENCE, PATIENCE, done -> { });
        } while (engine.head() != head);
    }

    private void credit(String operation, String user, String currency, String amount) {
        ok(WRITER, "/api/ledger/credits", "{\"operation_id\":\"" + operation + "\",\"user_id\":\"" + user + "\",\"currency\":\""
                + currency + "\",\"amount\":\"" + amount + "\"}");
    }

    private WebTestClient.ResponseSpec post(String key, String path, String json) {
        return http.post().uri(path).header("Authorization", "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange();
    }

    private JsonNode ok(String key, String path, String json) {
        return post(key, path, json).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private void put(String path, String json) {
        http.put().uri(path).header("Authorization", "Bearer " + WRITER).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange().expectStatus().isOk();
    }

    private static String callback(String paymentId, String user, String status, String actuallyPaid, String ticker) {
        return "{\"payment_id\":" + paymentId + ",\"payment_status\":\"" + status + "\",\"pay_address\":\"addr\",\"price_amount\":100,"
                + "\"price_currency\":\"usd\",\"pay_amount\":100.50,\"actually_paid\":" + actuallyPaid + ",\"pay_currency\":\"" + ticker
                + "\",\"order_id\":\"" + user + "\",\"outcome_amount\":99.9,\"outcome_currency\":\"" + ticker + "\"}";
    }

    private void ipn(String body) {
        http.post().uri("/api/payments/nowpayments/ipn").contentType(MediaType.APPLICATION_JSON).header("x-nowpayments-sig", sign(body))
                .bodyValue(body).exchange().expectStatus().isOk();
    }

    /** NOWPayments' signature: HMAC-SHA512 of the body as JavaScript re-serialises it. */
    private static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(TestCanonical.of(body).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
