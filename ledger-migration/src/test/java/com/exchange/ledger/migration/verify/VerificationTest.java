package com.exchange.ledger.migration.verify;

import com.exchange.ledger.migration.InMemoryStore;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-pass read of {@code wallets} finds what the plan's queries find: the same per-currency sums, users,
 * negative balances and duplicated (user, currency) pairs, on a collection written by hand to hold each fault.
 */
@DisplayName("Verification: one read of wallets answers as the plan's queries do")
class VerificationTest {

    @RegisterExtension
    static final InMemoryStore store = new InMemoryStore();

    private static Document wallet(String id, String user, String currency, String available, String locked, String savings) {
        BigDecimal a = new BigDecimal(available);
        BigDecimal l = new BigDecimal(locked);
        BigDecimal s = new BigDecimal(savings);
        return new Document("_id", id).append("user_id", user).append("currency", currency)
                .append("available_balance", new Decimal128(a)).append("locked_balance", new Decimal128(l))
                .append("savings_balance", new Decimal128(s)).append("total_balance", new Decimal128(a.add(l).add(s)));
    }

    @Test
    @DisplayName("negative balances, a duplicated pair, sums per currency and bucket, users, missing indexes")
    void findsEachFault() {
        MongoDatabase database = store.database("v" + UUID.randomUUID().toString().replace("-", ""));
        MongoCollection<Document> wallets = database.getCollection("wallets");
        wallets.insertMany(List.of(
                wallet("alice|BTC", "alice", "BTC", "1.00000001", "0.5", "0"),
                wallet("alice|USDT", "alice", "USDT", "10.000001", "0", "2"),
                wallet("bob|BTC", "bob", "BTC", "-0.00000001", "0", "0"),
                wallet("bob|BTC#2", "bob", "BTC", "0.25", "0", "0"),
                wallet("carol|USDT", "carol", "USDT", "0", "-1", "1")));

        Verification.Result result = Verification.run(database, new LegacyTotals());

        assertThat(result.walletsDocuments()).isEqualTo(5);
        assertThat(result.walletsUsers()).isEqualTo(3);
        assertThat(result.negativeBalances()).isEqualTo(2);
        assertThat(result.duplicatePairs()).isEqualTo(1);
        assertThat(result.missingIndexes()).containsExactlyInAnyOrderElementsOf(Verification.WALLETS_INDEXES);
        assertThat(result.reconciled()).isFalse();
        Map<String, Verification.CurrencyCheck> checks = new HashMap<>();
        result.currencies().forEach(check -> checks.put(check.currency(), check));
        assertThat(checks.get("BTC").walletsAvailable()).isEqualByComparingTo("1.25");
        assertThat(checks.get("BTC").walletsLocked()).isEqualByComparingTo("0.5");
        assertThat(checks.get("BTC").walletsTotal()).isEqualByComparingTo("1.75");
        assertThat(checks.get("USDT").walletsSavings()).isEqualByComparingTo("3");
        assertThat(checks.get("USDT").walletsTotal()).isEqualByComparingTo("12.000001");

        // the plan's own queries, as a plain client runs them, give the same answers
        assertThat(wallets.distinct("user_id", String.class).into(new HashSet<>())).hasSize((int) result.walletsUsers());
        Map<String, BigDecimal> planTotals = new HashMap<>();
        wallets.aggregate(List.of(Aggregates.group("$currency", Accumulators.sum("total", "$total_balance"))))
                .forEach(d -> planTotals.put(d.getString("_id"), ((Decimal128) d.get("total")).bigDecimalValue()));
        result.currencies().forEach(check -> assertThat(planTotals.get(check.currency())).isEqualByComparingTo(check.walletsTotal()));
        Decimal128 zero = new Decimal128(BigDecimal.ZERO);
        assertThat(wallets.countDocuments(Filters.or(Filters.lt("available_balance", zero), Filters.lt("locked_balance", zero),
                Filters.lt("savings_balance", zero), Filters.lt("total_balance", zero)))).isEqualTo(result.negativeBalances());
    }

    @Test
    @DisplayName("an empty wallets collection against empty legacy totals reconciles only when the indexes exist")
    void emptyCollection() {
        MongoDatabase database = store.database("v" + UUID.randomUUID().toString().replace("-", ""));
        Verification.Result result = Verification.run(database, new LegacyTotals());
        assertThat(result.walletsDocuments()).isZero();
        assertThat(result.currencies()).isEmpty();
        assertThat(result.reconciled()).isFalse();
        assertThat(result.missingIndexes()).isNotEmpty();
    }
}
