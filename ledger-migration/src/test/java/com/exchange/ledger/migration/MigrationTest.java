package com.exchange.ledger.migration;

import com.exchange.ledger.migration.legacy.LegacyDataGenerator;
import com.exchange.ledger.migration.legacy.LegacyCollection;
import com.exchange.ledger.migration.seed.SeedLedger;
import com.exchange.ledger.projections.chain.ChainVerification;
import com.exchange.ledger.projections.chain.ChainVerifier;
import com.exchange.ledger.projections.chain.Checkpoints;
import com.exchange.ledger.projections.eventstore.LedgerSerializer;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Migration over a real wire-protocol store: generated legacy data, every edge case, re-runs, refusals")
class MigrationTest {

    @RegisterExtension
    static final InMemoryStore store = new InMemoryStore();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private MongoDatabase database;
    private String dbName;
    private String output = "";

    @BeforeEach
    void freshDatabase() {
        dbName = "migration_" + DATABASES.incrementAndGet();
        database = store.database(dbName);
    }

    private int migrate(String... args) {
        return migrate(Map.of(), args);
    }

    private int migrate(Map<String, String> moreEnvironment, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(moreEnvironment);
        env.put("MONGO_URL", store.connectionString());
        env.put("DB_NAME", dbName);
        int status = MigrationMain.run(args, env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        output = bytes.toString(StandardCharsets.UTF_8);
        return status;
    }

    /** Hand-written rows whose outcome is known to the satoshi, beside generated ones. */
    private void insertKnownRows() {
        database.getCollection("internal_balances").insertMany(List.of(
                new Document("_id", new ObjectId("65f0c0ffee0000000000a001")).append("user_id", "alice").append("currency", " btc ")
                        .append("balance", " 1.5 ").append("locked_balance", 0.5),
                new Document("_id", 7).append("user_id", 42).append("currency", "USDT").append("balance", 10L),
                new Document("_id", "7").append("user_id", "42").append("currency", "usdt").append("balance", new Decimal128(new BigDecimal("0.1234565"))),
                new Document("_id", "bad-negative").append("user_id", "carol").append("currency", "BTC").append("balance", -1.0),
                new Document("_id", "bad-user").append("currency", "BTC").append("balance", 3)));
        database.getCollection("trader_balances").insertOne(new Document("_id", new ObjectId("65f0c0ffee0000000000b001"))
                .append("user_id", new ObjectId("65f0c0ffee00000000000042")).append("currency", "ETH")
                .append("available_balance", 2).append("locked_balance", "0.25"));
        database.getCollection("crypto_balances").insertMany(List.of(
                new Document("_id", new ObjectId("65f0c0ffee0000000000c001")).append("user_id", "alice").append("coin", "BTC").append("amount", 0.1),
                new Document("_id", new ObjectId("65f0c0ffee0000000000c002")).append("user_id", "dave").append("coin", "XYZ").append("amount", 5)));
        database.getCollection("savings_balances").insertMany(List.of(
                new Document("_id", new ObjectId("65f0c0ffee0000000000d001")).append("user_id", "alice").append("currency", "BTC")
                        .append("amount", new Decimal128(new BigDecimal("2.000000001"))),
                new Document("_id", new ObjectId("65f0c0ffee0000000000d002")).append("user_id", "erin").append("currency", "BTC")
                        .append("savings_balance", Double.NaN)));
    }

    private Document wallet(String user, String currency) {
        return database.getCollection("wallets").find(Filters.and(Filters.eq("user_id", user), Filters.eq("currency", currency))).first();
    }

    private static BigDecimal decimal(Document document, String field) {
        return ((Decimal128) document.get(field)).bigDecimalValue();
    }

    private List<String> legacySnapshot() {
        List<String> rows = new ArrayList<>();
        for (LegacyCollection collection : LegacyCollection.values()) {
            database.getCollection(collection.collectionName()).find().sort(Sorts.ascending("_id")).forEach(d -> rows.add(d.toJson()));
        }
        return rows;
    }

    @Test
    @DisplayName("known rows land exactly: rows add up per (user, currency), ids of every type, rounding half-even; bad rows are rejected and recorded")
    void knownRows() {
        insertKnownRows();

        assertThat(migrate()).as(output).isEqualTo(MigrationMain.EXIT_REJECTS);

        Document alice = wallet("alice", "BTC");
        assertThat(decimal(alice, "available_balance")).isEqualByComparingTo("1.6");
        assertThat(decimal(alice, "locked_balance")).isEqualByComparingTo("0.5");
        assertThat(decimal(alice, "savings_balance")).isEqualByComparingTo("2");
        assertThat(decimal(alice, "total_balance")).isEqualTo(new BigDecimal("4.10000000"));
        Document user42 = wallet("42", "USDT"); // the int 42 and the string "42" are one user; _id 7 and "7" two rows
        assertThat(decimal(user42, "available_balance")).isEqualTo(new BigDecimal("10.123456")); // 0.1234565 → 0.123456
        assertThat(decimal(wallet("65f0c0ffee00000000000042", "ETH"), "locked_balance")).isEqualByComparingTo("0.25");
        assertThat(database.getCollection("wallets").countDocuments()).isEqualTo(3);

        List<Document> rejects = database.getCollection(Migration.REJECTS).find().into(new ArrayList<>());
        assertThat(rejects).extracting(d -> d.getString("reason")).containsExactlyInAnyOrder(
                "balance is negative: -1", "user_id is missing", "unknown currency XYZ", "savings_balance: amount is NaN");
        assertThat(rejects).allSatisfy(d -> assertThat(d.getString("row")).contains("_id"));
        assertThat(output).contains("REJECTED ROWS (4");
        assertThat(database.getCollection("events").countDocuments()).isEqualTo(6);
    }

    @Test
    @DisplayName("generated data: verification reconciles, the plan's plain-client queries agree, the legacy collections are untouched")
    void generated(@TempDir Path dir) throws Exception {
        Map<LegacyCollection, Long> counts = new LegacyDataGenerator(7, 300, 0.05).generate(database, 3_000);
        insertKnownRows();
        List<String> before = legacySnapshot();
        Path report = dir.resolve("report.json");

        assertThat(migrate("--accept-rejects", "--report", report.toString())).as(output).isEqualTo(MigrationMain.EXIT_OK);

        assertThat(legacySnapshot()).isEqualTo(before);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("reconciled").asBoolean()).isTrue();
        long read = 0;
        long accepted = 0;
        for (JsonNode collection : json.get("collections")) {
            read += collection.get("read").asLong();
            accepted += collection.get("accepted").asLong();
        }
        assertThat(read).isEqualTo(counts.values().stream().mapToLong(Long::longValue).sum() + 10);
        assertThat(database.getCollection("events").countDocuments()).isEqualTo(accepted);
        assertThat(database.getCollection(Migration.REJECTS).countDocuments()).isEqualTo(read - accepted).isPositive();

        // the deployment plan's checks, by a plain client
        Map<String, BigDecimal> walletsByCurrency = new HashMap<>();
        database.getCollection("wallets").aggregate(List.of(Aggregates.group("$currency", Accumulators.sum("total", "$total_balance"))))
                .forEach(d -> walletsByCurrency.put(d.getString("_id"), ((Decimal128) d.get("total")).bigDecimalValue()));
        for (JsonNode currency : json.get("currencies")) {
            if (currency.get("legacy_total").asText().matches("0(\\.0*)?") && !walletsByCurrency.containsKey(currency.get("currency").asText())) {
                continue; // a currency only rejected rows named
            }
            assertThat(walletsByCurrency.get(currency.get("currency").asText()))
                    .isEqualByComparingTo(new BigDecimal(currency.get("legacy_total").asText()));
        }
        Set<String> users = database.getCollection("wallets").distinct("user_id", String.class).into(new HashSet<>());
        assertThat((long) users.size()).isEqualTo(json.get("users").get("legacy").asLong());
        assertThat(database.getCollection("wallets").countDocuments(Filters.lt("total_balance", new Decimal128(BigDecimal.ZERO)))).isZero();
        assertThat(json.get("currencies").findValuesAsText("rounding_residue")).anyMatch(r -> new BigDecimal(r).signum() != 0);
    }

    @Test
    @DisplayName("a second run adds nothing and reconciles again")
    void rerun() {
        new LegacyDataGenerator(11, 100, 0.0).generate(database, 1_000);
        assertThat(migrate()).as(output).isEqualTo(MigrationMain.EXIT_OK);
        long events = database.getCollection("events").countDocuments();
        List<Document> wallets = database.getCollection("wallets").find().sort(Sorts.ascending("_id")).into(new ArrayList<>());

        assertThat(migrate()).as(output).isEqualTo(MigrationMain.EXIT_OK);

        assertThat(database.getCollection("events").countDocuments()).isEqualTo(events);
        assertThat(output).contains("events appended: 0; already present from an earlier run: " + String.format("%,d", events));
        List<Document> again = database.getCollection("wallets").find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertThat(again).extracting(d -> d.get("total_balance")).isEqualTo(wallets.stream().map(d -> d.get("total_balance")).toList());
        assertThat(again).extracting(d -> d.get("last_sequence")).isEqualTo(wallets.stream().map(d -> d.get("last_sequence")).toList());
    }

    @Test
    @DisplayName("a run cut short inside a batch resumes: only the missing events are appended, each row's once, and every event's hash verifies")
    void resumesInsideABatch() {
        // more events than two of the migration's batches, the cut inside the second, as a kill mid-insert leaves it
        new LegacyDataGenerator(13, 1_500, 0.0).generate(database, 2 * SeedLedger.BATCH + 1_000);
        assertThat(migrate()).as(output).isEqualTo(MigrationMain.EXIT_OK);
        long events = database.getCollection("events").countDocuments();
        assertThat(events).isGreaterThan(2L * SeedLedger.BATCH);
        List<Document> wallets = database.getCollection("wallets").find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        long kept = SeedLedger.BATCH + 1_234;
        database.getCollection("events").deleteMany(Filters.gt("_id", kept));
        database.getCollection("wallets").drop();

        assertThat(migrate()).as(output).isEqualTo(MigrationMain.EXIT_OK);

        assertThat(output).contains(String.format("events appended: %,d; already present from an earlier run: %,d", events - kept, kept));
        assertThat(database.getCollection("events").countDocuments()).isEqualTo(events);
        Set<String> operations = new HashSet<>();
        database.getCollection("events").find().forEach(e -> assertThat(operations.add(e.getString("operationKey"))).isTrue());
        List<Document> again = database.getCollection("wallets").find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        for (String field : List.of("_id", "available_balance", "locked_balance", "savings_balance", "total_balance", "last_sequence")) {
            assertThat(again).extracting(d -> d.get(field)).as(field).isEqualTo(wallets.stream().map(d -> d.get(field)).toList());
        }
        LedgerSerializer serializer = LedgerSerializer.create();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                .snapshotSerializer(serializer).build();
        ChainVerification verification = new ChainVerifier(engine, new Checkpoints(database)).verify(OptionalLong.empty());
        assertThat(verification.intact()).as(verification.toString()).isTrue();
        assertThat(verification.documentsChecked()).isEqualTo(events);
    }

    @Test
    @DisplayName("a dry run reads and reports but writes nothing")
    void dryRun() {
        insertKnownRows();
        Set<String> collections = database.listCollectionNames().into(new HashSet<>());

        assertThat(migrate("--dry-run")).as(output).isEqualTo(MigrationMain.EXIT_REJECTS);

        assertThat(database.listCollectionNames().into(new HashSet<>())).isEqualTo(collections);
        assertThat(output).contains("dry run").contains("BTC");
    }

    @Test
    @DisplayName("a dry run prints every rejected row with its reason, and does not point at a migration_rejects it never wrote")
    void dryRunListsRejects() {
        insertKnownRows();

        assertThat(migrate("--dry-run")).as(output).isEqualTo(MigrationMain.EXIT_REJECTS);

        assertThat(output).contains("internal_balances \"bad-negative\": balance is negative: -1")
                .contains("internal_balances \"bad-user\": user_id is missing")
                .contains("crypto_balances ObjectId(\"65f0c0ffee0000000000c002\"): unknown currency XYZ")
                .contains("savings_balances ObjectId(\"65f0c0ffee0000000000d002\"): savings_balance: amount is NaN")
                .contains("REJECTED ROWS (4, listed above; a real run records them in migration_rejects")
                .doesNotContain("see migration_rejects");
        assertThat(database.listCollectionNames().into(new HashSet<>())).doesNotContain(Migration.REJECTS);
    }

    @Test
    @DisplayName("a dry run refuses, with exit 4, the store a real run refuses (activity other than the migration), and writes nothing")
    void dryRunRefusesWhereTheRunRefuses() {
        new LegacyDataGenerator(17, 20, 0.0).generate(database, 50);
        database.getCollection("events").insertOne(new Document("_id", 1L).append("payloadType", "wallet.FundsCredited"));
        Set<String> collections = database.listCollectionNames().into(new HashSet<>());

        assertThat(migrate("--dry-run")).as(output).isEqualTo(MigrationMain.EXIT_REFUSED);
        assertThat(output).contains("REFUSED: the ledger already holds activity other than the migration").contains("nothing written")
                .doesNotContain("DRY RUN OK");
        assertThat(migrate()).as(output).isEqualTo(MigrationMain.EXIT_REFUSED);

        assertThat(database.listCollectionNames().into(new HashSet<>())).isEqualTo(collections);
        assertThat(database.getCollection("events").countDocuments()).isEqualTo(1);
    }

    @Test
    @DisplayName("an unreadable LEDGER_CURRENCIES_* value is a usage error in a sentence, and nothing is read or written")
    void unreadableCurrencyTable() {
        Set<String> collections = database.listCollectionNames().into(new HashSet<>());

        assertThat(migrate(Map.of("LEDGER_CURRENCIES_XYZ", "four"))).as(output).isEqualTo(MigrationMain.EXIT_USAGE);

        assertThat(output).contains("LEDGER_CURRENCIES_XYZ must be the currency's number of decimals, not 'four'").doesNotContain("\tat ");
        assertThat(database.listCollectionNames().into(new HashSet<>())).isEqualTo(collections);
    }

    @Test
    @DisplayName("the migration refuses a ledger that already holds other activity, and writes nothing")
    void refusesOverActivity() {
        insertKnownRows();
        database.getCollection("events").insertOne(new Document("_id", 1L).append("payloadType", "wallet.FundsCredited"));

        assertThat(migrate()).as(output).isEqualTo(MigrationMain.EXIT_REFUSED);

        assertThat(database.getCollection("events").countDocuments()).isEqualTo(1);
        assertThat(database.getCollection("wallets").countDocuments()).isZero();
        assertThat(database.getCollection(Migration.REJECTS).countDocuments()).isZero();
        assertThat(output).contains("REFUSED");
    }

    @Test
    @DisplayName("--verify-only finds a wallets document changed after the migration")
    void verifyOnlyFindsTampering() {
        new LegacyDataGenerator(13, 50, 0.0).generate(database, 200);
        assertThat(migrate()).as(output).isEqualTo(MigrationMain.EXIT_OK);
        assertThat(migrate("--verify-only")).as(output).isEqualTo(MigrationMain.EXIT_OK);
        long events = database.getCollection("events").countDocuments();

        Document any = database.getCollection("wallets").find().first();
        any.put("total_balance", new Decimal128(decimal(any, "total_balance").add(new BigDecimal("0.00000001"))));
        database.getCollection("wallets").replaceOne(Filters.eq("_id", any.get("_id")), any);

        assertThat(migrate("--verify-only")).as(output).isEqualTo(MigrationMain.EXIT_DISCREPANCY);
        assertThat(output).contains("DISCREPANCIES").contains(" NO");
        assertThat(database.getCollection("events").countDocuments()).isEqualTo(events);
    }

    @Test
    @DisplayName("usage: --help explains every option; an unknown option is a usage error")
    void usage() {
        assertThat(migrate("--help")).isZero();
        assertThat(output).contains("--dry-run").contains("--verify-only").contains("--report").contains("--accept-rejects")
                .contains("MONGO_URL").contains("DB_NAME");
        // every exit status, and what was written when it is given
        assertThat(output).contains("exit status, and what was written").contains("  0  run:").contains("  1  discrepancies")
                .contains("  2  usage").contains("  3  rejected rows").contains("  4  refused").contains("  5  failed")
                .contains("nothing written");
        assertThat(migrate("--frobnicate")).isEqualTo(MigrationMain.EXIT_USAGE);
        assertThat(migrate("--dry-run", "--verify-only")).isEqualTo(MigrationMain.EXIT_USAGE);
    }
}
