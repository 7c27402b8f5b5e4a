package com.exchange.ledger.migration;

import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.migration.legacy.LegacyCollection;
import com.exchange.ledger.migration.legacy.LegacyRow;
import com.exchange.ledger.migration.legacy.LegacyValues;
import com.exchange.ledger.migration.seed.SeedLedger;
import com.exchange.ledger.migration.verify.LegacyTotals;
import com.exchange.ledger.migration.verify.Verification;
import com.exchange.ledger.projections.eventstore.LedgerSerializer;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.BsonDocument;
import org.bson.Document;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One run of the migration: read the four legacy collections (never writing to them), turn every accepted row into
 * a seed event, write the {@code wallets} view of the migrated accounts, and verify it against the legacy totals.
 */
public final class Migration {

    public static final String REJECTS = "migration_rejects";
    static final String EVENTS = "events";

    /** What the command line asked for. */
    public record Options(boolean dryRun, boolean verifyOnly, boolean acceptRejects) {
        boolean writes() {
            return !dryRun && !verifyOnly;
        }
    }

    /** The run's result; {@link #exitCode()} is the program's exit status. */
    public record Outcome(Options options, LegacyTotals legacy, long eventsAppended, long eventsAlreadyPresent,
                          long accounts, Verification.Result verification, String refusal, List<RejectedRow> rejects,
                          Instant startedAt, Duration took) {

        public boolean refused() {
            return refusal != null;
        }

        public int exitCode() {
            if (refused()) {
                return MigrationMain.EXIT_REFUSED;
            }
            if (verification != null && !verification.reconciled()) {
                return MigrationMain.EXIT_DISCREPANCY;
            }
            if (legacy.rejectedRows() > 0 && !options.acceptRejects()) {
                return MigrationMain.EXIT_REJECTS;
            }
            return MigrationMain.EXIT_OK;
        }
    }

    /** A rejected row as the operator reads it: where it is and why (the first {@link #LISTED_REJECTS} of a run). */
    public record RejectedRow(String collection, String id, String reason) {
    }

    /** How many rejected rows a run lists in its output and report (all of them are counted, and a real run records all). */
    static final int LISTED_REJECTS = 1_000;

    private final MongoDatabase database;
    private final CurrencyTable currencies;
    private final Options options;
    private final Runnable commit;
    private final PrintStream out;
    private final Clock clock;

    /**
     * @param commit makes the writes so far durable (the embedded store's file commit; nothing on MongoDB, whose
     *               acknowledged writes already are)
     */
    public Migration(MongoDatabase database, CurrencyTable currencies, Options options, Runnable commit, PrintStream out, Clock clock) {
        this.database = database;
        this.currencies = currencies;
        this.options = options;
        this.commit = commit;
        this.out = out;
        this.clock = clock;
    }

    public Outcome run() {
        Instant started = clock.instant();
        MongoCollection<Document> events = database.getCollection(EVENTS);
        // the dry run makes the same check: it must not say OK where the real run refuses
        if (!options.verifyOnly()) {
            Document other = events.find(Filters.and(Filters.ne("payloadType", SeedLedger.EVENT_TYPE),
                    Filters.exists("tombstone", false))).first();
            if (other != null) {
                String refusal = "the ledger already holds activity other than the migration (event " + other.get("_id") + ", "
                        + other.getString("payloadType") + "): migrating over it would mix seed balances into live ones";
                return new Outcome(options, new LegacyTotals(), 0, 0, 0, null, refusal, List.of(), started,
                        Duration.between(started, clock.instant()));
            }
        }
        LedgerSerializer serializer = LedgerSerializer.create();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .operationKeyOf(MongoEventStorageEngine::walletOperationKey)
                // a lost tail is appended again by the next run, so the file need not be committed per batch
                .afterAppend(new AtMostEvery(Duration.ofSeconds(2), commit, clock))
                .build();
        SeedLedger seeds = new SeedLedger(engine, !options.writes(), clock);
        long alreadyPresent = 0;
        if (options.writes()) {
            engine.ensureIndexes();
            long earlier = seeds.resume(events, serializer);
            if (earlier > 0) {
                out.printf("resuming: %,d seed events of an earlier run are in the store; their rows are skipped%n", earlier);
            }
        }
        LegacyTotals legacy = new LegacyTotals();
        List<RejectedRow> listed = new ArrayList<>();
        Rejects rejects = new Rejects(database.getCollection(REJECTS));
        Progress progress = new Progress(out, clock);
        for (LegacyCollection collection : LegacyCollection.values()) {
            MongoCollection<BsonDocument> rows = database.getCollection(collection.collectionName(), BsonDocument.class);
            progress.start(collection.collectionName(), rows.estimatedDocumentCount());
            for (BsonDocument document : rows.find().sort(Sorts.ascending("_id"))) {
                legacy.read(collection);
                LegacyRow row = LegacyRow.read(collection, document, currencies);
                if (row instanceof LegacyRow.Accepted accepted) {
                    try {
                        if (seeds.add(accepted) == SeedLedger.Outcome.ALREADY_PRESENT) {
                            alreadyPresent++;
                        }
                        legacy.accepted(accepted);
                    } catch (LegacyValues.Refused refused) {
                        row = new LegacyRow.Rejected(collection, accepted.id(), accepted.original(), refused.getMessage(),
                                accepted.account().currency(), accepted.total().amount());
                    }
                }
                if (row instanceof LegacyRow.Rejected rejected) {
                    legacy.rejected(rejected);
                    if (listed.size() < LISTED_REJECTS) {
                        listed.add(new RejectedRow(collection.collectionName(), LegacyValues.display(rejected.id()), rejected.reason()));
                    }
                    if (options.writes()) {
                        rejects.add(rejected);
                    }
                }
                progress.row();
            }
            progress.done();
        }
        rejects.flush();
        Verification.Result verification = null;
        if (options.writes()) {
            writeInParallel(seeds);
        }
        if (!options.dryRun()) {
            verification = Verification.run(database, legacy);
        }
        return new Outcome(options, legacy, seeds.appended(), alreadyPresent, seeds.accountCount(), verification, null, listed,
                started, Duration.between(started, clock.instant()));
    }

    /**
     * The seed events and the {@code wallets} documents go to different collections, which mongo-java-server locks
     * separately: written side by side they use both cores. Both are rebuilt by a re-run if the process dies here.
     */
    private void writeInParallel(SeedLedger seeds) {
        WalletsProjection wallets = new WalletsProjection(database, currencies);
        wallets.ensureIndexes();
        Progress eventsProgress = new Progress(out, clock);
        Progress walletsProgress = new Progress(out, clock);
        eventsProgress.start("seed events", seeds.pending());
        walletsProgress.start("wallets", seeds.accountCount());
        ExecutorService writers = Executors.newFixedThreadPool(2, runnable -> new Thread(runnable, "migration-writer"));
        try {
            Future<?> events = writers.submit(() -> seeds.appendAll(eventsProgress::at));
            Future<?> views = writers.submit(() -> wallets.replaceAll(seeds.accountViews(), walletsProgress::at));
            views.get();
            walletsProgress.done();
            events.get();
            eventsProgress.done();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("writing the migration failed: " + e.getCause(), e.getCause());
        } finally {
            writers.shutdownNow();
        }
        commit.run();
    }

    /** Runs an action at most once per interval; the caller runs it once more at the end. */
    private static final class AtMostEvery implements Runnable {
        private final long intervalMillis;
        private final Runnable action;
        private final Clock clock;
        private long last;

        AtMostEvery(Duration interval, Runnable action, Clock clock) {
            this.intervalMillis = interval.toMillis();
            this.action = action;
            this.clock = clock;
            this.last = clock.millis();
        }

        @Override
        public synchronized void run() {
            long now = clock.millis();
            if (now - last >= intervalMillis) {
                last = now;
                action.run();
            }
        }
    }

    /**
     * The rejected rows, recorded in bulk writes of {@link #REJECTS_PER_WRITE} upserts rather than one round trip
     * each; keyed by the row, so a re-run rewrites the same documents.
     */
    private final class Rejects {
        private static final int REJECTS_PER_WRITE = 1_000;
        private final MongoCollection<Document> collection;
        private final List<ReplaceOneModel<Document>> batch = new ArrayList<>();

        Rejects(MongoCollection<Document> collection) {
            this.collection = collection;
        }

        void add(LegacyRow.Rejected row) {
            String id = row.collection().collectionName() + ":" + LegacyValues.rowKey(row.id());
            batch.add(new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id)
                    .append("collection", row.collection().collectionName())
                    .append("row_id", row.id())
                    .append("reason", row.reason())
                    .append("row", row.original())
                    .append("recorded_at", Date.from(clock.instant())), new ReplaceOptions().upsert(true)));
            if (batch.size() >= REJECTS_PER_WRITE) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                collection.bulkWrite(batch, new BulkWriteOptions().ordered(false));
                batch.clear();
            }
        }
    }
}
