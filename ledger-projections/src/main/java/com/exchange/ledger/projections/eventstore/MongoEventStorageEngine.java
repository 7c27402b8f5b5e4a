package com.exchange.ledger.projections.eventstore;

import com.exchange.ledger.core.wallet.WalletEvent;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * An Axon event storage engine on MongoDB with a global sequence and gap-aware tracking, using only point and
 * {@code $in} look-ups on unique single-field keys, so every read costs the same with ten thousand or a billion
 * events stored (see docs/adr/0002-event-store.md).
 * <p>
 * Layout: one document per event in {@code events}, whose {@code _id} is its global index, allocated from a
 * counter document before the insert; {@code streamKey} ({@code aggregate#sequence}) is unique and makes
 * concurrent appends to one aggregate fail; {@code operationKey} ({@code aggregate|key}) is unique and makes an
 * operation take effect once. One snapshot per aggregate in {@code snapshots}, keyed by aggregate id.
 * <p>
 * Indexes are allocated before the insert, so a slow writer can commit index 7 after index 8 is visible. A reader
 * that passes 7 keeps it as a gap in its {@link GapAwareTrackingToken} and asks for it again on every poll, until
 * it shows up or has been missing longer than the gap timeout. A failed insert writes tombstones over the indexes
 * it had taken, so only a crashed writer leaves a gap that has to time out.
 * <p>
 * Appends that arrive together are written as one group: one allocation, one insert, one durable commit, each
 * append with its own outcome (docs/adr/0010-group-commit.md).
 * <p>
 * This class is the facade Axon and the other modules see; each job is done by one collaborator of this package,
 * so each can be read on its own: {@link EventAppender} (the append path and its group commit),
 * {@link EventIndexCounter} (the global index), {@link Tombstones}, {@link AggregateEventReader},
 * {@link SnapshotStore}, {@link TrackedEventReader} with its {@link GapTracker}, {@link EventDocuments} (the
 * stored shape) and {@link EventHash} (the hash chain).
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    /** Meta-data key under which every stored event carries its global index. */
    public static final String GLOBAL_INDEX = "globalIndex";
    /**
     * Where the ledger keeps its id claims: the API's id directory, whose documents the event store writes in the
     * group that writes the claiming event (ADR 0021).
     */
    public static final String ID_CLAIMS_COLLECTION = "id_directory";
    /** Field of a stored claim that names its owner. */
    public static final String ID_CLAIM_OWNER_FIELD = IdClaims.OWNER_FIELD;
    /** Field of a stored claim that holds the refusal recorded for the id, which no later append may override. */
    public static final String ID_CLAIM_REFUSED_FIELD = IdClaims.REFUSED_FIELD;

    private final MongoCollection<Document> events;
    private final EventIndexCounter counter;
    private final Tombstones tombstones;
    private final EventAppender appender;
    private final AggregateEventReader aggregates;
    private final SnapshotStore snapshots;
    private final TrackedEventReader tracking;
    /** Readers of the whole stream for rebuilds, by number of decoding threads. */
    private final java.util.function.IntFunction<BulkEventReader> bulkReaders;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase database = builder.database;
        // stated here, not left to the URL: an acknowledged append is on a majority of the replica set, in its journal
        this.events = database.getCollection(builder.eventsCollection).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        // a tracking reader hands events to projections: it must never see one a failover could still roll back
        MongoCollection<Document> trackingEvents = events.withReadConcern(ReadConcern.MAJORITY);
        MongoCollection<Document> trackingCounters = database.getCollection(builder.countersCollection).withReadConcern(ReadConcern.MAJORITY);
        MongoCollection<Document> counters = database.getCollection(builder.countersCollection);
        EventDocuments documents = new EventDocuments(builder.operationKeyOf);
        this.counter = new EventIndexCounter(counters, trackingCounters);
        this.tombstones = new Tombstones(events);
        // this::insert, not the collection: the group's insert stays the overridable seam tests delay or watch
        IdClaims idClaims = builder.idClaimsCollection == null ? null : new IdClaims(database, builder.idClaimsCollection);
        this.appender = new EventAppender(events, documents, counter, tombstones, this::insert, idClaims,
                builder.maxEventsPerGroup, builder.maxBytesPerGroup, builder.gatherMicros, builder.writeStages, builder.afterAppend);
        this.aggregates = new AggregateEventReader(events);
        this.snapshots = new SnapshotStore(database.getCollection(builder.snapshotsCollection), documents);
        // this::head, not the counter: the tracking path reads the head through the engine's public method
        this.tracking = new TrackedEventReader(trackingEvents, this::head,
                new KnownHead(counter::allocatedHere, this::head, builder.storedHeadMaxAge),
                new GapTracker(builder.gapTimeout, builder.maxGapOffset), builder.trackingWindow);
        Duration gapTimeout = builder.gapTimeout;
        int maxGapOffset = builder.maxGapOffset;
        this.bulkReaders = threads -> new BulkEventReader(trackingEvents, getEventSerializer(), gapTimeout, maxGapOffset, threads);
    }

    /** The ledger's operation keys: a wallet event's own key, none for other events. */
    public static String walletOperationKey(EventMessage<?> event) {
        return event.getPayload() instanceof WalletEvent walletEvent ? walletEvent.operationKey() : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates the unique keys the engine relies on; safe to call on every start. */
    public void ensureIndexes() {
        events.createIndex(Indexes.ascending("streamKey"), new IndexOptions().unique(true).name("streamKey_unique"));
        events.createIndex(Indexes.ascending("operationKey"), new IndexOptions().unique(true).name("operationKey_unique"));
        counter.createIfAbsent();
    }

    // ---------------------------------------------------------------- append

    /**
     * Appends one command's effect: exactly one event. Concurrent calls are written together (see {@link GroupCommit}).
     * Returns once the event is stored and durable; throws this call's own failure (a concurrency conflict, a
     * duplicate operation key), never a neighbour's.
     * <p>
     * An append is atomic per event only (one document), so a command whose effect took two events could be
     * half-recorded and then answered as a repeat; the rule is enforced here, in every environment, not left to each
     * aggregate. Bulk writers of events that each stand alone use {@link #appendIndependentEvents(List)}.
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        if (eventMessages.size() > 1) {
            throw new EventStoreException("one command, one event: refused an append of " + eventMessages.size() + " events ("
                    + eventMessages.stream().map(e -> e.getPayloadType().getSimpleName()).distinct().toList()
                    + "); a command's effect must be one event, or it could be half-recorded");
        }
        appender.write(eventMessages, serializer);
    }

    /**
     * Appends events each of which is a whole effect on its own (the migration's seed events: one per legacy row,
     * each with its own operation key), as one unit of the group commit. A failure part-way may leave some of them
     * written, which is harmless here: every event stands alone and a re-run skips those already stored.
     */
    public void appendIndependentEvents(List<? extends EventMessage<?>> eventMessages) {
        appender.write(eventMessages, getEventSerializer());
    }

    /**
     * Serialises and digests events for {@link #appendPrepared} without writing them: a bulk writer (the migration)
     * prepares its next batch on another thread while the current one is written. Same checks and the same stored
     * form as {@link #appendIndependentEvents}, which is this followed by {@link #appendPrepared}.
     */
    public PreparedEvents prepareIndependentEvents(List<? extends EventMessage<?>> eventMessages) {
        return new PreparedEvents(appender.prepare(eventMessages, getEventSerializer()));
    }

    /**
     * Appends events prepared by {@link #prepareIndependentEvents} as one unit of the group commit (one index
     * allocation, one ordered insert, as {@link #appendIndependentEvents}); each prepared batch is appended once.
     */
    public void appendPrepared(PreparedEvents prepared) {
        if (prepared.appended) {
            throw new IllegalStateException("a prepared batch of " + prepared.size() + " events was appended already");
        }
        prepared.appended = true;
        appender.write(prepared.prepared);
    }

    /** Events serialised and digested for {@link #appendPrepared}, not yet written. */
    public static final class PreparedEvents {
        private final EventAppender.Prepared prepared;
        private boolean appended;

        private PreparedEvents(EventAppender.Prepared prepared) {
            this.prepared = prepared;
        }

        public int size() {
            return prepared.events();
        }
    }

    /** Groups written so far by this engine, and the appends they held: (groups, appends). */
    public long[] groupCommitCounts() {
        return appender.groupCommitCounts();
    }

    /** Appends queued behind the group being written; tests build a group on purpose with it. */
    int appendsWaiting() {
        return appender.appendsWaiting();
    }

    /** Inserts the documents of one group. A seam for tests that delay or watch a group's write. */
    protected void insert(List<Document> documents, boolean ordered) {
        events.insertMany(documents, new InsertManyOptions().ordered(ordered));
    }

    /**
     * Closes an index whose writer is gone (missing longer than the gap timeout) with a tombstone, so it can be sealed
     * (docs/adr/0013-tamper-evident-log.md). A writer that turns up after that is refused by the store (its
     * {@code _id} is taken) and never acknowledged, instead of landing where every reader has already passed.
     *
     * @return true when the tombstone was written, false when the index is taken (its event landed after all)
     */
    public boolean fence(long index) {
        return tombstones.fence(index);
    }

    // ---------------------------------------------------------------- aggregates

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        return aggregates.fetch(aggregateIdentifier, firstSequenceNumber, batchSize);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return snapshots.read(aggregateIdentifier);
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        snapshots.store(snapshot, serializer);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        long last = readSnapshotData(aggregateIdentifier).findFirst().map(DomainEventData::getSequenceNumber).orElse(-1L);
        while (true) {
            List<? extends DomainEventData<?>> batch = fetchDomainEvents(aggregateIdentifier, last + 1, batchSize());
            if (batch.isEmpty()) {
                return last < 0 ? Optional.empty() : Optional.of(last);
            }
            last = batch.get(batch.size() - 1).getSequenceNumber();
        }
    }

    /** The event stored under an operation key of an aggregate, if any: the memory behind exactly-once. */
    public Optional<DomainEventData<?>> findByOperationKey(String aggregateIdentifier, String operationKey) {
        return aggregates.findByOperationKey(aggregateIdentifier, operationKey);
    }

    // ---------------------------------------------------------------- tracking

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        return tracking.fetch(lastToken, batchSize);
    }

    /**
     * The stored documents, events and tombstones, at the positions {@code (after, upTo]} (at most a tracking window of
     * them), in position order, as a tracking reader sees them (majority-committed): what the hash chain is built from.
     */
    public List<Document> storedDocuments(long after, long upTo) {
        return tracking.storedDocuments(after, upTo);
    }

    /**
     * A reader of the whole stream for a rebuild, with its payloads decoded on {@code decodeThreads} threads: one
     * cursor in position order, no Axon message per event (docs/adr/0020-bulk-rebuild.md).
     */
    public BulkEventReader bulkReader(int decodeThreads) {
        return bulkReaders.apply(decodeThreads);
    }

    /** How many positions {@link #storedDocuments} reads at once. */
    public int readWindow() {
        return tracking.readWindow();
    }

    /**
     * The lowest position above {@code position} that holds a document, if any. A range read, which the stand-in store
     * answers with a scan: for the auditor's verification (nothing may be stored above the head), not for the hot path.
     */
    public Optional<Long> firstStoredAbove(long position) {
        return tracking.firstStoredAbove(position);
    }

    /** The highest index handed out so far (some of those below it may still be in flight). */
    public long head() {
        return counter.head();
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return tracking.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return tracking.createTokenAt(dateTime);
    }

    /** Builds the engine; the database and the serializers are required. */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private String eventsCollection = "events";
        private String snapshotsCollection = "snapshots";
        private String countersCollection = "event_counters";
        private Function<EventMessage<?>, String> operationKeyOf = event -> null;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private int maxGapOffset = 10_000;
        private int trackingWindow = 1_000;
        private Duration storedHeadMaxAge = Duration.ofMillis(250);
        private Runnable afterAppend = () -> {
        };
        private int maxEventsPerGroup = 128;
        private long maxBytesPerGroup = 4L * 1024 * 1024;
        private long gatherMicros = 0;
        private int writeStages = 1;
        private String idClaimsCollection;

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder collections(String events, String snapshots, String counters) {
            this.eventsCollection = events;
            this.snapshotsCollection = snapshots;
            this.countersCollection = counters;
            return this;
        }

        /** The operation key of an event, unique per aggregate, or null when the event has none. */
        public Builder operationKeyOf(Function<EventMessage<?>, String> operationKeyOf) {
            this.operationKeyOf = operationKeyOf;
            return this;
        }

        /**
         * Keeps id claims (ADR 0021) in this collection: an event whose meta-data carries an
         * {@link com.exchange.ledger.core.process.IdClaim} claims that key for its owner in the group that writes it. Without it such an event
         * is refused.
         */
        public Builder idClaims(String collection) {
            this.idClaimsCollection = collection;
            return this;
        }

        /** How long an index may be missing before readers decide its writer is gone. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        public Builder maxGapOffset(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
            return this;
        }

        /** How many indexes a tracking read asks for at once. */
        /**
         * How long a tracking read at the head trusts the head it last read from the store (when this process has
         * allocated nothing beyond it): how late, at most, it notices what other instances appended meanwhile.
         */
        public Builder storedHeadMaxAge(Duration storedHeadMaxAge) {
            this.storedHeadMaxAge = java.util.Objects.requireNonNull(storedHeadMaxAge, "storedHeadMaxAge");
            return this;
        }

        public Builder trackingWindow(int trackingWindow) {
            this.trackingWindow = trackingWindow;
            return this;
        }

        /**
         * Runs once after every group with a successful append, before its appends are acknowledged: the embedded
         * store uses it to flush its file, so an acknowledged event survives a kill -9. Real MongoDB needs none
         * (journal, write concern).
         */
        public Builder afterAppend(Runnable afterAppend) {
            this.afterAppend = afterAppend;
            return this;
        }

        /**
         * Limits of one group commit: at most this many events and about this many bytes in one insert (an append
         * larger than that alone is written on its own), and how long a group's first append waits for others to
         * join it ({@code 0}: not at all; appends that arrive while a group is written form the next one anyway).
         */
        /**
         * How many groups may be in their write stage (index allocation, insert) at once: 1 writes them one after
         * another; more lets a group write while another waits for its round trips, as two instances' groups do.
         */
        public Builder writeStages(int writeStages) {
            // checked with the other group limits, by the group commit
            this.writeStages = writeStages;
            return this;
        }

        public Builder groupCommit(int maxEventsPerGroup, long maxBytesPerGroup, long gatherMicros) {
            this.maxEventsPerGroup = maxEventsPerGroup;
            this.maxBytesPerGroup = maxBytesPerGroup;
            this.gatherMicros = gatherMicros;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        public MongoEventStorageEngine build() {
            validate();
            if (database == null) {
                throw new IllegalStateException("the MongoDB database is required");
            }
            return new MongoEventStorageEngine(this);
        }
    }
}
