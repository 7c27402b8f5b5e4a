package com.exchange.ledger.migration.legacy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Legacy balance rows as several generations of code wrote them: amounts as doubles, strings with spaces, ints,
 * longs and Decimal128; user ids as strings, ints, longs and ObjectIds; currency codes in any case, under
 * {@code currency} or {@code coin}; one user's currency spread over several rows and collections; and, at the
 * given share, rows the migration must reject (no user, unknown currency, negative, NaN, infinite, unparsable or
 * missing amounts). Deterministic for a seed.
 */
public final class LegacyDataGenerator {

    private static final String[] CURRENCIES = {"BTC", "ETH", "USDT", "SOL", "USDC", "XRP", "usd", "ltc"};
    private static final int BATCH = 5_000;

    private final SplittableRandom random;
    private final double rejectShare;
    private final long users;

    public LegacyDataGenerator(long seed, long users, double rejectShare) {
        this.random = new SplittableRandom(seed);
        this.users = Math.max(1, users);
        this.rejectShare = rejectShare;
    }

    /** Inserts {@code rows} rows spread over the four collections; returns how many went to each. */
    public Map<LegacyCollection, Long> generate(MongoDatabase database, long rows) {
        Map<LegacyCollection, Long> counts = new EnumMap<>(LegacyCollection.class);
        Map<LegacyCollection, List<Document>> batches = new EnumMap<>(LegacyCollection.class);
        for (LegacyCollection collection : LegacyCollection.values()) {
            batches.put(collection, new ArrayList<>(BATCH));
            counts.put(collection, 0L);
        }
        for (long i = 0; i < rows; i++) {
            LegacyCollection collection = pickCollection();
            List<Document> batch = batches.get(collection);
            batch.add(row(collection));
            counts.merge(collection, 1L, Long::sum);
            if (batch.size() >= BATCH) {
                insert(database, collection, batch);
            }
        }
        batches.forEach((collection, batch) -> insert(database, collection, batch));
        return counts;
    }

    private static void insert(MongoDatabase database, LegacyCollection collection, List<Document> batch) {
        if (!batch.isEmpty()) {
            MongoCollection<Document> target = database.getCollection(collection.collectionName());
            target.insertMany(batch);
            batch.clear();
        }
    }

    private LegacyCollection pickCollection() {
        int p = random.nextInt(100);
        return p < 40 ? LegacyCollection.INTERNAL : p < 60 ? LegacyCollection.TRADER : p < 85 ? LegacyCollection.CRYPTO : LegacyCollection.SAVINGS;
    }

    public Document row(LegacyCollection collection) {
        Document row = new Document("_id", new ObjectId());
        row.append("user_id", userId(random.nextLong(users)));
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        boolean coin = collection == LegacyCollection.CRYPTO && random.nextBoolean();
        row.append(coin ? "coin" : "currency", random.nextInt(10) == 0 ? " " + currency.toLowerCase() + " " : currency);
        switch (collection) {
            case INTERNAL -> {
                row.append("balance", amount());
                if (random.nextInt(3) == 0) {
                    row.append("locked_balance", amount());
                }
            }
            case TRADER -> row.append("available_balance", amount()).append("locked_balance", amount());
            case CRYPTO -> row.append(random.nextBoolean() ? "balance" : "amount", amount());
            case SAVINGS -> row.append(random.nextBoolean() ? "amount" : "savings_balance", amount());
        }
        if (random.nextDouble() < rejectShare) {
            spoil(collection, row);
        }
        return row;
    }

    /** The same user always has the same representation, as it had in the legacy code that wrote its rows. */
    private static Object userId(long user) {
        return switch ((int) (user % 4)) {
            case 0 -> (int) user;
            case 1 -> "user-" + user;
            case 2 -> 10_000_000_000L + user;
            default -> new ObjectId(String.format("%024x", user));
        };
    }

    private Object amount() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> Math.round(random.nextDouble() * 1e6) / 1e4; // doubles like 12.3456
            case 2 -> "  " + BigDecimal.valueOf(random.nextLong(100_000_000_000L), 8).toPlainString() + " ";
            case 3 -> random.nextInt(1_000);
            case 4 -> (long) random.nextInt(1_000_000);
            default -> new Decimal128(BigDecimal.valueOf(random.nextLong(1_000_000_000_000L), 10)); // rounds for 6- and 8-decimal currencies
        };
    }

    private void spoil(LegacyCollection collection, Document row) {
        String amountField = switch (collection) {
            case INTERNAL -> "balance";
            case TRADER -> "available_balance";
            case CRYPTO -> row.containsKey("balance") ? "balance" : "amount";
            case SAVINGS -> row.containsKey("amount") ? "amount" : "savings_balance";
        };
        switch (random.nextInt(8)) {
            case 0 -> row.remove("user_id");
            case 1 -> row.put("user_id", "  ");
            case 2 -> row.put(row.containsKey("coin") ? "coin" : "currency", "XYZ");
            case 3 -> row.put(amountField, -1.5);
            case 4 -> row.put(amountField, Double.NaN);
            case 5 -> row.put(amountField, Double.POSITIVE_INFINITY);
            case 6 -> row.put(amountField, "12,5 BTC");
            default -> row.remove(amountField);
        }
    }
}
