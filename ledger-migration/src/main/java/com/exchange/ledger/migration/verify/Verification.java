package com.exchange.ledger.migration.verify;

import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
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
 * The deployment plan's verification checklist against {@code wallets}, with the queries the plan gives a plain
 * MongoDB client ({@code distinct("user_id")}, {@code $group} by currency with {@code $sum} of {@code total_balance}),
 * compared exactly with the legacy totals.
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
        Map<String, Document> sums = new HashMap<>();
        wallets.aggregate(List.of(Aggregates.group("$currency",
                Accumulators.sum("total", "$total_balance"), Accumulators.sum("available", "$available_balance"),
                Accumulators.sum("locked", "$locked_balance"), Accumulators.sum("savings", "$savings_balance"))))
                .forEach(d -> sums.put(d.getString("_id"), d));
        Set<String> currencies = new TreeSet<>(legacy.currencies().keySet());
        currencies.addAll(sums.keySet());
        List<CurrencyCheck> checks = new ArrayList<>();
        for (String currency : currencies) {
            LegacyTotals.CurrencyTotals l = legacy.currencies().getOrDefault(currency, new LegacyTotals.CurrencyTotals());
            Document w = sums.getOrDefault(currency, new Document());
            checks.add(new CurrencyCheck(currency, l.total(), decimal(w, "total"), l.available, decimal(w, "available"),
                    l.locked, decimal(w, "locked"), l.savings, decimal(w, "savings"), l.residue, l.rejected, l.rejectedRows));
        }
        long users = wallets.distinct("user_id", String.class).into(new HashSet<>()).size();
        Decimal128 zero = new Decimal128(BigDecimal.ZERO);
        long negative = wallets.countDocuments(Filters.or(Filters.lt("available_balance", zero), Filters.lt("locked_balance", zero),
                Filters.lt("savings_balance", zero), Filters.lt("total_balance", zero)));
        long duplicates = 0;
        for (Document pair : wallets.aggregate(List.of(
                Aggregates.group(new Document("user_id", "$user_id").append("currency", "$currency"), Accumulators.sum("n", 1)),
                Aggregates.match(Filters.gt("n", 1))))) {
            duplicates++;
        }
        Set<String> indexes = new HashSet<>();
        wallets.listIndexes().forEach(index -> indexes.add(index.getString("name")));
        List<String> missing = WALLETS_INDEXES.stream().filter(name -> !indexes.contains(name)).toList();
        return new Result(checks, legacy.users(), users, legacy.accounts(), wallets.countDocuments(), negative, duplicates, missing);
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
