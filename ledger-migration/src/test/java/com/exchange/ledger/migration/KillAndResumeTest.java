package com.exchange.ledger.migration;

import com.exchange.ledger.migration.legacy.LegacyDataGenerator;
import com.exchange.ledger.migration.legacy.LegacyCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@DisplayName("A migration killed with kill -9 and started again ends exactly as an uninterrupted one")
class KillAndResumeTest {

    private static final int ROWS = 30_000;
    private static final long[] KILL_AFTER_EVENTS = {2_000, 9_000, 17_000};

    @RegisterExtension
    static final InMemoryStore store = new InMemoryStore();

    private static Process startMigration(String dbName, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                MigrationMain.class.getName(), "--accept-rejects");
        builder.environment().put("MONGO_URL", store.connectionString());
        builder.environment().put("DB_NAME", dbName);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    private static int migrateInProcess(String dbName) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = MigrationMain.run(new String[]{"--accept-rejects"}, Map.of("MONGO_URL", store.connectionString(), "DB_NAME", dbName),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(status).as(bytes.toString(StandardCharsets.UTF_8)).isZero();
        return status;
    }

    /** Each account's balances and event count, and each row's event (aggregate, sequence, operation). */
    private static Map<String, String> state(MongoDatabase database) {
        Map<String, String> state = new TreeMap<>();
        database.getCollection("wallets").find().forEach(w -> state.put("wallet " + w.getString("_id"),
                w.get("available_balance") + " " + w.get("locked_balance") + " " + w.get("savings_balance") + " "
                        + w.get("total_balance") + " seq " + w.get("last_sequence")));
        Map<String, Integer> eventsPerAccount = new TreeMap<>();
        database.getCollection("events").find(Filters.exists("tombstone", false))
                .forEach(e -> eventsPerAccount.merge(e.getString("aggregateIdentifier"), 1, Integer::sum));
        eventsPerAccount.forEach((account, n) -> state.put("events " + account, Integer.toString(n)));
        database.getCollection(Migration.REJECTS).find().forEach(r -> state.put("reject " + r.getString("_id"), r.getString("reason")));
        return state;
    }

    @Test
    @DisplayName("killed three times mid-append, resumed: same wallets, same events per account, same rejects as a straight run")
    void killedAndResumed() throws Exception {
        MongoDatabase straight = store.database("straight");
        MongoDatabase killed = store.database("killed");
        new LegacyDataGenerator(5, 4_000, 0.02).generate(straight, ROWS);
        for (LegacyCollection collection : LegacyCollection.values()) {
            List<Document> rows = straight.getCollection(collection.collectionName()).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
            if (!rows.isEmpty()) {
                killed.getCollection(collection.collectionName()).insertMany(rows);
            }
        }
        migrateInProcess("straight");

        File log = File.createTempFile("migration-kill", ".log");
        for (long threshold : KILL_AFTER_EVENTS) {
            Process child = startMigration("killed", log.toPath());
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> !child.isAlive() || killed.getCollection("events").estimatedDocumentCount() >= threshold);
            assertThat(child.isAlive()).as("the migration was still running at %d events", threshold).isTrue();
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no last flush
            child.waitFor();
        }
        long beforeResume = killed.getCollection("events").estimatedDocumentCount();
        assertThat(beforeResume).isLessThan(straight.getCollection("events").countDocuments());

        migrateInProcess("killed");

        assertThat(state(killed)).isEqualTo(state(straight));
        assertThat(killed.getCollection("events").countDocuments(Filters.exists("tombstone", false)))
                .isEqualTo(straight.getCollection("events").countDocuments());
    }
}
