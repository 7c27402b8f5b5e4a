package com.exchange.ledger.api;

import com.exchange.ledger.api.admin.CatchUp;
import com.exchange.ledger.api.admin.ProjectionRebuilds;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.transfer.TransferPolicy;
import com.exchange.ledger.core.wallet.*;
import com.exchange.ledger.projections.audit.LedgerReplay;
import com.exchange.ledger.projections.audit.ReconciliationReport;
import com.exchange.ledger.projections.audit.Reconciler;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.transactions.TransactionsProjection;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.EventProcessingConfiguration;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read side under concurrent writers: nothing missed (the auditor's replay is clean), a rebuilt projection equal
 * to the live one, and the auditor finding what was corrupted on purpose.
 */
@SpringBootTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadSideTest {

    private static final CurrencyTable CURRENCIES = CurrencyTable.defaults();
    private static final Currency BTC = CURRENCIES.require("BTC");
    private static final Currency USDT = CURRENCIES.require("USDT");
    private static final List<String> PROJECTIONS = List.of(WalletsProjection.PROCESSING_GROUP,
            TransactionsProjection.PROCESSING_GROUP, TransferPolicy.PROCESSING_GROUP, "open-holds", "system-balances", "transfers");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        LedgerApplication.quietAxon();
        TestStore.register(registry, "ledger-read-side");
        registry.add("server.port", () -> "0");
    }

    @Autowired
    WalletCommandGateway commands;
    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    MongoDatabase ledgerDatabase;
    @Autowired
    Reconciler reconciler;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    com.exchange.ledger.core.wallet.OperationLog operationLog;

    private void awaitProjections() {
        CatchUp.await(processing, PROJECTIONS, engine.head(), Duration.ofSeconds(60), Duration.ofSeconds(60), done -> { });
    }

    private List<Document> all(String collection) {
        return ledgerDatabase.getCollection(collection).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    @Test
    @Order(1)
    @DisplayName("8 threads of commands on shared accounts: every projection catches up and the replay is clean")
    void concurrentWritersMissNothing() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            done.add(writers.submit(() -> {
                for (int i = 0; i < 60; i++) {
                    String user = "u" + (i % 5);
                    Currency currency = i % 2 == 0 ? BTC : USDT;
                    AccountId account = AccountId.of(user, currency.code());
                    String id = "w" + writer + "-" + i;
                    commands.send(new CreditAccount(account, OperationId.of(id), currency.parse("1.5"), SystemAccount.NOWPAYMENTS, "deposit"));
                    try {
                        switch (i % 4) {
                            case 0 -> commands.send(new SendTransfer(account, TransferId.of(id), AccountId.of("u" + ((i + 1) % 5), currency.code()),
                                    currency.parse("0.5"), currency.parse("0.01")));
                            case 1 -> commands.send(new LockFunds(account, HoldId.of(id), currency.parse("0.25"), "escrow"));
                            case 2 -> commands.send(new MoveToSavings(account, OperationId.of(id + "-s"), currency.parse("0.1")));
                            default -> commands.send(new DebitAccount(account, OperationId.of(id + "-d"), currency.parse("0.2"), SystemAccount.WITHDRAWALS, "payout"));
                        }
                    } catch (LedgerRejection rejected) {
                        // a rule said no: fine here, and it changed nothing
                    }
                }
            }));
        }
        for (Future<?> future : done) {
            future.get(120, TimeUnit.SECONDS);
        }
        writers.shutdown();
        awaitProjections();

        ReconciliationReport report = reconciler.run(Duration.ofHours(24), Instant.now());
        assertThat(report.walletDifferences()).isEmpty();
        assertThat(report.negativeBalances()).isEmpty();
        assertThat(report.recordedMismatches()).isEmpty();
        assertThat(report.currencies()).isNotEmpty().allSatisfy(totals -> assertThat(totals.zeroSum()).isTrue());
        assertThat(report.currencies()).allSatisfy(totals -> assertThat(totals.inFlight()).isZero());
        assertThat(report.clean()).isTrue();
        assertThat(report.eventsRead()).isGreaterThan(900);
        assertThat(ledgerDatabase.getCollection("wallet_transactions").countDocuments()).isEqualTo(report.eventsRead());

        // the other views agree with the replay too
        LedgerReplay replay = new LedgerReplay();
        engine.readEvents(null, false).forEach(m -> replay.apply((WalletEvent) m.getPayload(), m.getTimestamp()));
        java.util.Map<String, BigDecimal> systemView = new java.util.TreeMap<>();
        all("system_balances").forEach(d -> systemView.put(d.getString("_id"), ((org.bson.types.Decimal128) d.get("balance")).bigDecimalValue()));
        java.util.Map<String, BigDecimal> systemReplay = new java.util.TreeMap<>();
        replay.systemBalances().forEach((currency, accounts) -> accounts.forEach((name, balance) -> systemReplay.put(name + "/" + currency, balance)));
        assertThat(systemView.keySet()).isEqualTo(systemReplay.keySet());
        systemReplay.forEach((key, balance) -> assertThat(systemView.get(key)).as(key).isEqualByComparingTo(balance));
        assertThat(ledgerDatabase.getCollection("open_holds").countDocuments(new Document("state", "open"))).isEqualTo(replay.openHolds().size()).isPositive();
        assertThat(ledgerDatabase.getCollection("transfers").countDocuments(new Document("state", "in_flight"))).isZero();
        assertThat(ledgerDatabase.getCollection("transfers").countDocuments(new Document("state", "received"))).isPositive();
    }

    @Test
    @Order(2)
    @DisplayName("a rebuilt wallets and wallet_transactions equal the ones built live, document for document")
    void rebuildEqualsLive() {
        awaitProjections();
        List<String> collections = List.of("wallets", "wallet_transactions", "open_holds", "system_balances", "transfers");
        java.util.Map<String, List<Document>> live = new java.util.HashMap<>();
        collections.forEach(collection -> live.put(collection, all(collection)));
        assertThat(live.get("wallets")).isNotEmpty();

        long head = engine.head();
        for (String projection : ProjectionRebuilds.PROJECTIONS) {
            ProjectionRebuilds.Progress progress = rebuilds.start(projection);
            assertThat(progress.startedAt()).isNotNull();
        }
        for (String projection : ProjectionRebuilds.PROJECTIONS) {
            rebuilds.awaitRebuilt(projection, head, Duration.ofSeconds(60), Duration.ofSeconds(60), done -> { });
            assertThat(rebuilds.progress(projection).failure()).as(projection).isNull();
        }
        awaitProjections();

        for (String collection : collections) {
            List<Document> rebuilt = all(collection);
            if (collection.equals("system_balances")) {
                // the running sums equal; the tokens they keep are the rebuild's own
                rebuilt.forEach(d -> d.remove("token"));
                live.get(collection).forEach(d -> d.remove("token"));
            }
            assertThat(differences(rebuilt, live.get(collection))).as(collection).isEmpty();
        }
        ProjectionRebuilds.Progress done = rebuilds.progress(WalletsProjection.PROCESSING_GROUP);
        assertThat(done.eventsDone()).isEqualTo(done.eventsInStore());
        assertThat(done.eventsPerSecond()).isPositive();
    }

    /** Ids of documents that are missing, extra or different, with the first differing field: a short failure message. */
    private static List<String> differences(List<Document> rebuilt, List<Document> live) {
        java.util.Map<Object, Document> byId = new java.util.HashMap<>();
        live.forEach(d -> byId.put(d.get("_id"), d));
        List<String> differences = new ArrayList<>();
        for (Document document : rebuilt) {
            Document expected = byId.remove(document.get("_id"));
            if (expected == null) {
                differences.add(document.get("_id") + " extra");
            } else if (!expected.equals(document)) {
                for (String field : expected.keySet()) {
                    if (!java.util.Objects.equals(expected.get(field), document.get(field))) {
                        differences.add(document.get("_id") + "." + field + ": live " + expected.get(field) + ", rebuilt " + document.get(field));
                        break;
                    }
                }
            }
        }
        byId.keySet().forEach(id -> differences.add(id + " missing"));
        return differences.size() > 10 ? differences.subList(0, 10) : differences;
    }

    @Test
    @Order(4)
    @DisplayName("read-your-writes: under 6 concurrent writers every command answers exactly the balances its event recorded")
    void responsesCarryTheWrittenBalances() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(6);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            int writer = w;
            results.add(writers.submit(() -> {
                List<String> problems = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    AccountId account = AccountId.of("ryw" + (i % 3), "BTC");
                    WalletCommand command = i % 3 == 2
                            ? new DebitAccount(account, OperationId.of("ryw-" + writer + "-" + i), BTC.parse("0.3"), SystemAccount.WITHDRAWALS, "payout")
                            : new CreditAccount(account, OperationId.of("ryw-" + writer + "-" + i), BTC.parse("0.2"), SystemAccount.NOWPAYMENTS, "deposit");
                    try {
                        var answered = commands.send(command);
                        var recorded = operationLog.find(account, command.operationKey()).orElseThrow().after();
                        if (!answered.equals(recorded)) {
                            problems.add(command.operationKey() + " answered " + answered + " but recorded " + recorded);
                        }
                    } catch (LedgerRejection rejected) {
                        if (operationLog.find(account, command.operationKey()).isPresent()) {
                            problems.add(command.operationKey() + " was refused but stored");
                        }
                    }
                }
                return problems;
            }));
        }
        List<String> problems = new ArrayList<>();
        for (Future<List<String>> result : results) {
            problems.addAll(result.get(120, TimeUnit.SECONDS));
        }
        writers.shutdown();
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(3)
    @DisplayName("the auditor finds a corrupted wallets document, a forged negative balance and a stuck hold")
    void auditorFindsCorruption() {
        awaitProjections();
        var wallets = ledgerDatabase.getCollection("wallets");
        Document victim = wallets.find(new Document("user_id", "u1").append("currency", "BTC")).first();
        wallets.replaceOne(new Document("_id", victim.get("_id")),
                new Document(victim).append("available_balance", new org.bson.types.Decimal128(new BigDecimal("999.00000000"))));
        Document forged = wallets.find(new Document("user_id", "u2").append("currency", "USDT")).first();
        wallets.replaceOne(new Document("_id", forged.get("_id")),
                new Document(forged).append("savings_balance", new org.bson.types.Decimal128(new BigDecimal("-5.000000"))));

        ReconciliationReport report = reconciler.run(Duration.ofMinutes(30), Instant.now().plus(Duration.ofHours(1)));

        assertThat(report.clean()).isFalse();
        assertThat(report.walletDifferences()).extracting(ReconciliationReport.WalletDifference::account)
                .contains("u1/BTC", "u2/USDT");
        assertThat(report.negativeBalances()).anySatisfy(n -> {
            assertThat(n.source()).isEqualTo("wallets");
            assertThat(n.account()).isEqualTo("u2/USDT");
            assertThat(n.bucket()).isEqualTo("savings");
        });
        assertThat(report.stuckHolds()).isNotEmpty().allSatisfy(h -> assertThat(h.ageSeconds()).isGreaterThan(1800));
        assertThat(report.currencies()).allSatisfy(totals -> assertThat(totals.zeroSum()).isTrue());
    }
}
