package com.exchange.ledger.benchmarks.migration;

import com.exchange.ledger.benchmarks.measure.StoreCommands;
import com.exchange.ledger.benchmarks.measure.Suite;
import com.exchange.ledger.migration.legacy.LegacyDataGenerator;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.migration.Migration;
import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The migration of N generated legacy rows on the persisted embedded store, timed beside a baseline from the same
 * run and store: bulk-inserting N plain documents (batches of 1,000, the file committed at the end). Prints the store
 * commands the migration sent per legacy row (a {@link StoreCommands} listener on the driver) beside the time.
 * <pre>
 *   bin/benchmark-migration [rows]      (default 1,000,000)
 * </pre>
 */
public final class MigrationBenchmark {

    private MigrationBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "").replace(",", "")) : 1_000_000;
        Path dir = Files.createTempDirectory("migration-benchmark");
        PrintStream out = System.out;
        out.printf("migration benchmark: %,d legacy rows, persisted embedded store in %s, %d cores, Java %s%n", rows, dir,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        int status;
        StoreCommands commands = new StoreCommands();
        try (EmbeddedMongo mongo = EmbeddedMongo.persistedIn(dir);
             MongoClient client = MongoClients.create(MongoClientSettings.builder()
                     .applyConnectionString(new ConnectionString(mongo.connectionString())).addCommandListener(commands).build())) {
            MongoDatabase database = client.getDatabase("wallet_ledger");
            long t0 = System.nanoTime();
            Map<?, Long> counts = new LegacyDataGenerator(42, Math.max(1, rows / 3), 0.001).generate(database, rows);
            mongo.flush();
            out.printf("generated %s in %.1f s (not timed below)%n", counts, seconds(t0));

            long b0 = System.nanoTime();
            long bc0 = cpuNanos();
            baseline(database.getCollection("baseline_plain"), rows);
            mongo.flush();
            double baseline = seconds(b0);
            double baselineCpu = (cpuNanos() - bc0) / 1e9;
            out.printf("baseline: %,d plain documents bulk-inserted in %.1f s (%,.0f docs/s)%n", rows, baseline, rows / baseline);

            StoreCommands.Snapshot beforeMigration = commands.snapshot();
            Map<String, Long> eventsBefore = commands.on(Set.of("events", "event_counters"));
            long m0 = System.nanoTime();
            long mc0 = cpuNanos();
            Migration.Outcome outcome = new Migration(database, CurrencyTable.defaults(), new Migration.Options(false, false, true),
                    mongo::flush, out, Clock.systemUTC()).run();
            double migration = seconds(m0);
            double migrationCpu = (cpuNanos() - mc0) / 1e9;
            StoreCommands.Snapshot migrationCommands = commands.snapshot().minus(beforeMigration);
            Map<String, Long> eventsAfter = commands.on(Set.of("events", "event_counters"));
            Map<String, Long> eventCommands = new TreeMap<>();
            eventsAfter.forEach((name, count) -> eventCommands.put(name, count - eventsBefore.getOrDefault(name, 0L)));
            out.printf("%n| measure | seconds | rows/s |%n| --- | --- | --- |%n");
            out.printf("| baseline: insertMany of %,d plain documents | %.1f | %,.0f |%n", rows, baseline, rows / baseline);
            out.printf("| migration: read, %,d seed events, %,d wallets, verification | %.1f | %,.0f |%n",
                    outcome.eventsAppended(), outcome.accounts(), migration, rows / migration);
            out.printf("| migration / baseline | %.2f (target ≤ 3) | |%n", migration / baseline);
            out.printf("| CPU seconds of the process (store included): baseline / migration | %.1f / %.1f | %.2f |%n",
                    baselineCpu, migrationCpu, migrationCpu / baselineCpu);
            out.printf("store commands per 1,000 legacy rows, whole migration: %s%n",
                    StoreCommands.Snapshot.perOperation(migrationCommands.commandPath(), Math.max(1, rows / 1_000)));
            out.printf("store commands per 1,000 seed events on events and event_counters: %s%n",
                    StoreCommands.Snapshot.perOperation(eventCommands, Math.max(1, outcome.eventsAppended() / 1_000)));
            // the line bin/benchmark-suite collects (here the figures are times: lower is better)
            Suite.line(String.format(java.util.Locale.ROOT, "migration of %,d legacy rows vs insertMany of as many plain documents", rows),
                    "s", migration, baseline);
            out.printf("verification: %s, exit code %d, rejected rows %,d%n",
                    outcome.verification() != null && outcome.verification().reconciled() ? "reconciled" : "NOT reconciled",
                    outcome.exitCode(), outcome.legacy().rejectedRows());
            status = outcome.exitCode();
        } finally {
            deleteQuietly(dir);
        }
        System.exit(status);
    }

    /** Documents of the size and shape of a legacy row: id, user, currency, an amount. */
    private static void baseline(MongoCollection<Document> collection, long rows) {
        List<Document> batch = new ArrayList<>(1_000);
        for (long i = 0; i < rows; i++) {
            batch.add(new Document("_id", new ObjectId()).append("user_id", "user-" + (i % 333_333)).append("currency", "BTC")
                    .append("balance", new Decimal128(BigDecimal.valueOf(i, 8))).append("locked_balance", new Decimal128(BigDecimal.ZERO)));
            if (batch.size() == 1_000) {
                collection.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch);
        }
    }

    /**
     * CPU time of the whole process, the embedded store's threads included: on a machine shared with other work the
     * wall-clock times stretch with its load, the CPU each side needed does not.
     */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is not worth failing a finished benchmark
        }
    }
}
