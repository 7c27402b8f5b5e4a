package com.exchange.ledger.projections.audit;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.deadletters.ParkedEvents;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;

/**
 * The auditor's replay: reads the event store from the first event, recomputes every account ({@link LedgerReplay})
 * and holds the result against the zero-sum rule, the non-negative rule, the age of open holds and the
 * {@code wallets} view; it counts the events a read model parked (a view that parked one is incomplete).
 */
public final class Reconciler {

    private static final String[] FIELDS = {"available_balance", "locked_balance", "savings_balance"};

    private final MongoEventStorageEngine engine;
    private final MongoCollection<Document> wallets;
    private final ParkedEvents parked;

    public Reconciler(MongoEventStorageEngine engine, MongoDatabase database) {
        this.engine = engine;
        this.wallets = database.getCollection(WalletsProjection.COLLECTION);
        this.parked = new ParkedEvents(database);
    }

    public ReconciliationReport run(Duration stuckAfter, Instant now) {
        return run(stuckAfter, now, done -> {
        });
    }

    /** Runs the replay; {@code progress} hears the number of events read so far, every 10,000. */
    public ReconciliationReport run(Duration stuckAfter, Instant now, LongConsumer progress) {
        LedgerReplay replay = new LedgerReplay();
        engine.readEvents(null, false).forEach(message -> {
            if (message.getPayload() instanceof WalletEvent event) {
                replay.apply(event, message.getTimestamp());
                if (replay.events() % 10_000 == 0) {
                    progress.accept(replay.events());
                }
            }
        });
        List<ReconciliationReport.NegativeBalance> negatives = new ArrayList<>();
        Map<String, BigDecimal> userTotals = new TreeMap<>();
        replay.walletBalances().forEach((account, balances) -> {
            String currency = account.substring(account.lastIndexOf('/') + 1);
            userTotals.merge(currency, balances.total(), BigDecimal::add);
            addNegatives("events", account, balances, negatives);
        });
        List<ReconciliationReport.CurrencyTotals> currencies = totals(replay, userTotals);
        List<ReconciliationReport.StuckHold> stuck = new ArrayList<>();
        for (LedgerReplay.OpenHold hold : replay.openHolds().values()) {
            Duration age = Duration.between(hold.lockedAt(), now);
            if (age.compareTo(stuckAfter) > 0) {
                stuck.add(new ReconciliationReport.StuckHold(hold.account(), hold.holdId(), hold.amount(), hold.lockedAt(), age.toSeconds()));
            }
        }
        List<ReconciliationReport.WalletDifference> differences = compareWithView(replay.walletBalances(), negatives);
        List<String> recorded = new ArrayList<>();
        replay.recordedMismatches().forEach((account, problem) -> recorded.add(account + ": " + problem));
        return new ReconciliationReport(now, replay.events(), currencies, negatives, stuck, differences, recorded,
                parked.countsByProcessingGroup());
    }

    private static List<ReconciliationReport.CurrencyTotals> totals(LedgerReplay replay, Map<String, BigDecimal> userTotals) {
        Map<String, BigDecimal[]> byCurrency = new TreeMap<>();
        userTotals.forEach((currency, total) -> byCurrency.computeIfAbsent(currency, c -> zeros())[0] = total);
        replay.systemBalances().forEach((currency, accounts) -> accounts.forEach((name, balance) -> {
            BigDecimal[] sums = byCurrency.computeIfAbsent(currency, c -> zeros());
            int slot = name.startsWith("transit:") ? 2 : 1;
            sums[slot] = sums[slot].add(balance);
        }));
        List<ReconciliationReport.CurrencyTotals> result = new ArrayList<>();
        byCurrency.forEach((currency, sums) -> {
            BigDecimal sum = sums[0].add(sums[1]).add(sums[2]);
            // postings carry the currency's scale; a total nothing was added to ("0") is written at it too
            int scale = Math.max(sum.scale(), Math.max(sums[0].scale(), Math.max(sums[1].scale(), sums[2].scale())));
            result.add(new ReconciliationReport.CurrencyTotals(currency, sums[0].setScale(scale), sums[1].setScale(scale),
                    sums[2].setScale(scale), sum.setScale(scale), sum.signum() == 0));
        });
        return result;
    }

    private static BigDecimal[] zeros() {
        return new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    }

    private List<ReconciliationReport.WalletDifference> compareWithView(Map<String, AccountBalances> replayed,
                                                                        List<ReconciliationReport.NegativeBalance> negatives) {
        List<ReconciliationReport.WalletDifference> differences = new ArrayList<>();
        Map<String, Document> view = new HashMap<>();
        for (Document document : wallets.find()) {
            String account = document.getString("user_id") + "/" + document.getString("currency");
            view.put(account, document);
        }
        replayed.forEach((account, balances) -> {
            Document document = view.remove(account);
            if (document == null) {
                differences.add(new ReconciliationReport.WalletDifference(account, "missing in wallets", null, describe(balances)));
                return;
            }
            AccountBalances shown;
            try {
                shown = new AccountBalances(amount(document, FIELDS[0]), amount(document, FIELDS[1]), amount(document, FIELDS[2]));
                amount(document, "total_balance");
            } catch (RuntimeException unreadable) {
                differences.add(new ReconciliationReport.WalletDifference(account, "unreadable wallets document", document.toJson(), describe(balances)));
                return;
            }
            addNegatives("wallets", account, shown, negatives);
            boolean totalConsistent = amount(document, "total_balance").compareTo(shown.total()) == 0;
            if (!LedgerReplay.sameAmounts(shown, balances) || !totalConsistent) {
                differences.add(new ReconciliationReport.WalletDifference(account, totalConsistent ? "balances differ" : "total_balance is not the sum",
                        describe(shown) + " total " + amount(document, "total_balance").toPlainString(), describe(balances)));
            }
        });
        view.forEach((account, document) -> differences.add(new ReconciliationReport.WalletDifference(account,
                "in wallets but no events", document.toJson(), null)));
        return differences;
    }

    private static void addNegatives(String source, String account, AccountBalances balances,
                                     List<ReconciliationReport.NegativeBalance> negatives) {
        if (balances.available().signum() < 0) {
            negatives.add(new ReconciliationReport.NegativeBalance(source, account, "available", balances.available()));
        }
        if (balances.locked().signum() < 0) {
            negatives.add(new ReconciliationReport.NegativeBalance(source, account, "locked", balances.locked()));
        }
        if (balances.savings().signum() < 0) {
            negatives.add(new ReconciliationReport.NegativeBalance(source, account, "savings", balances.savings()));
        }
    }

    private static BigDecimal amount(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Decimal128 decimal ? decimal.bigDecimalValue() : new BigDecimal(String.valueOf(value));
    }

    private static String describe(AccountBalances balances) {
        return "available " + balances.available().toPlainString() + ", locked " + balances.locked().toPlainString()
                + ", savings " + balances.savings().toPlainString();
    }
}
