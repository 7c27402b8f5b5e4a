package com.exchange.ledger.migration.verify;

import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The deployment plan's verification checklist against {@code wallets}, compared exactly with the legacy totals:
 * what the plan's queries for a plain MongoDB client ({@code distinct("user_id")}, {@code $group} by currency with
 * {@code $sum} of {@code total_balance}, ...) answer, computed from one read of the collection.
 */
public final class Verification {

    static final List<String> WALLETS_INDEXES = List.of("user_id_1_currency_1", "user_id_1", "currency_1", "total_balance_1");

    /** One currency: legacy total vs wallets total (and per bucket), the residue and what was rejected. */
    public record CurrencyCheck(String currency, BigDecimal legacyTotal, BigDecimal walletsTotal, BigDecimal legacyAvailable,
                                BigDecimal walletsAvailable, BigDecimal legacyLocked, BigDecimal walletsLocked,
                                BigDecimal legacySavings, BigDecimal walletsSavings, BigDecimal residue,
                                BigDecimal rejectedTotal, long rejectedRows) {

        public boolean matches() {
            return legacyTotal.compareTo(walletsTotal) == 0 && legacyAvailable.compareTo(walletsAvailable) == 0
                    && legacyLocked.compareTo(walletsLocked) == 0 && legacySavings.compareTo(walletsSavings) == 0;
        }
    }

    public record Result(List<CurrencyCheck> currencies, long legacyUsers, long walletsUsers, long legacyAccounts,
                         long walletsDocuments, long negativeBalances, long duplicatePairs, List<String> missingIndexes) {

        public boolean reconciled() {
            return currencies.stream().allMatch(CurrencyCheck::matches) && legacyUsers == walletsUsers
                    && legacyAccounts == walletsDocuments && negativeBalances == 0 && duplicatePairs == 0
                    && missingIndexes.isEmpty();
        }
    }

    private Verification() {
    }

    public static Result run(MongoDatabase database, LegacyTotals legacy) {
        MongoCollection<Document> wallets = database.getCollection(WalletsProjection.COLLECTION);
        WalletsRead read = WalletsRead.of(wallets);
        Set<String> currencies = new TreeSet<>(legacy.currencies().keySet());
        currencies.addAll(read.sums.keySet());
        List<CurrencyCheck> checks = new ArrayList<>();
        for (String currency : currencies) {
            LegacyTotals.CurrencyTotals l = legacy.currencies().getOrDefault(currency, new LegacyTotals.CurrencyTotals());
            BigDecimal[] w = read.sums.getOrDefault(currency, WalletsRead.zeros());
            checks.add(new CurrencyCheck(currency, l.total(), w[TOTAL], l.available, w[AVAILABLE], l.locked, w[LOCKED],
                    l.savings, w[SAVINGS], l.residue, l.rejected, l.rejectedRows));
        }
        Set<String> indexes = new HashSet<>();
        try {
            wallets.listIndexes().forEach(index -> indexes.add(index.getString("name")));
        } catch (MongoCommandException e) {
            // MongoDB answers NamespaceNotFound for a collection that does not exist (the stand-in store: no indexes)
            if (e.getErrorCode() != NAMESPACE_NOT_FOUND) {
                throw e;
            }
        }
        List<String> missing = WALLETS_INDEXES.stream().filter(name -> !indexes.contains(name)).toList();
        return new Result(checks, legacy.users(), read.users.size(), legacy.accounts(), read.documents, read.negative,
                read.duplicatedPairs.size(), missing);
    }

    private static final int NAMESPACE_NOT_FOUND = 26;
    private static final String[] BALANCE_FIELDS = {"available_balance", "locked_balance", "savings_balance", "total_balance"};
    private static final int AVAILABLE = 0;
    private static final int LOCKED = 1;
    private static final int SAVINGS = 2;
    private static final int TOTAL = 3;

    /**
     * Everything the checklist asks of {@code wallets}, from one read of every document: per currency the exact sums
     * of the four balances (what {@code $group}/{@code $sum} gives), the distinct users, the documents with a
     * negative balance, the (user, currency) pairs held more than once, the document count. One pass instead of the
     * five queries the plan runs (MigrationTest runs those with a plain client and gets the same answers): each of
     * them is a full scan on the stand-in store, ~11 s at 833,000 wallets.
     */
    private static final class WalletsRead {
        final Map<String, BigDecimal[]> sums = new HashMap<>();
        final Set<String> users = new HashSet<>();
        final Set<String> pairs = new HashSet<>();
        final Set<String> duplicatedPairs = new HashSet<>();
        long documents;
        long negative;

        static BigDecimal[] zeros() {
            return new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        }

        static WalletsRead of(MongoCollection<Document> wallets) {
            WalletsRead read = new WalletsRead();
            List<String> fields = new ArrayList<>(List.of("user_id", "currency"));
            fields.addAll(List.of(BALANCE_FIELDS));
            for (Document wallet : wallets.find().projection(Projections.include(fields)).batchSize(10_000)) {
                read.add(wallet);
            }
            return read;
        }

        private void add(Document wallet) {
            documents++;
            Object user = wallet.get("user_id");
            Object currency = wallet.get("currency");
            if (user != null) {
                users.add(user.toString());
            }
            String pair = user + "\u0000" + currency;
            if (!pairs.add(pair)) {
                duplicatedPairs.add(pair);
            }
            BigDecimal[] sum = sums.computeIfAbsent(String.valueOf(currency), c -> zeros());
            boolean anyNegative = false;
            for (int i = 0; i < BALANCE_FIELDS.length; i++) {
                BigDecimal value = decimal(wallet, BALANCE_FIELDS[i]);
                sum[i] = sum[i].add(value);
                anyNegative |= value.signum() < 0;
            }
            if (anyNegative) {
                negative++;
            }
        }
    }

    private static BigDecimal decimal(Document document, String field) {
        Object value = document.get(field);
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        return BigDecimal.ZERO;
    }
}
