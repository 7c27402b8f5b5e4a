package com.exchange.ledger.projections.eventstore;

import com.exchange.ledger.core.shared.JournalEntry;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
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
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);
    private static final String COUNTER_ID = "events";
    static final String TOMBSTONE = "tombstone";
    /** Meta-data key under which every stored event carries its global index. */
    public static final String GLOBAL_INDEX = "globalIndex";

    private final MongoCollection<Document> events;
    /** The events and the index counter as the tracking path reads them: majority-committed only (docs/store-differences.md). */
    private final MongoCollection<Document> trackingEvents;
    private final MongoCollection<Document> trackingCounters;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> counters;
    private final Function<EventMessage<?>, String> operationKeyOf;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final int trackingWindow;
    private final GroupCommit groupCommit;
    /** When each index was first seen missing; a reader forgets a gap once it is older than the gap timeout. */
    private final Map<Long, Instant> missingSince = new ConcurrentHashMap<>();

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        MongoDatabase database = builder.database;
        // stated here, not left to the URL: an acknowledged append is on a majority of the replica set, in its journal
        this.events = database.getCollection(builder.eventsCollection).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
        // a tracking reader hands events to projections: it must never see one a failover could still roll back
        this.trackingEvents = events.withReadConcern(ReadConcern.MAJORITY);
        this.trackingCounters = database.getCollection(builder.countersCollection).withReadConcern(ReadConcern.MAJORITY);
        this.snapshots = database.getCollection(builder.snapshotsCollection);
        this.counters = database.getCollection(builder.countersCollection);
        this.operationKeyOf = builder.operationKeyOf;
        this.gapTimeout = builder.gapTimeout;
        this.maxGapOffset = builder.maxGapOffset;
        this.trackingWindow = builder.trackingWindow;
        this.groupCommit = new GroupCommit(builder.maxEventsPerGroup, builder.maxBytesPerGroup, builder.gatherMicros,
                this::writeGroup, builder.afterAppend);
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
        // created up front so concurrent first appends never race to upsert it
        counters.updateOne(Filters.eq("_id", COUNTER_ID), Updates.setOnInsert("last", 0L), new com.mongodb.client.model.UpdateOptions().upsert(true));
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
        write(eventMessages, serializer);
    }

    /**
     * Appends events each of which is a whole effect on its own (the migration's seed events: one per legacy row,
     * each with its own operation key), as one unit of the group commit. A failure part-way may leave some of them
     * written, which is harmless here: every event stands alone and a re-run skips those already stored.
     */
    public void appendIndependentEvents(List<? extends EventMessage<?>> eventMessages) {
        write(eventMessages, getEventSerializer());
    }

    /**
     * Double entry, asserted before the write as the aggregate asserts it when it applies the event (a pair
     * assertion): an event whose postings do not sum to zero never reaches the store.
     */
    private static void requireBalanced(EventMessage<?> event) {
        if (event.getPayload() instanceof JournalEntry entry && !JournalEntry.isBalanced(entry)) {
            throw new EventStoreException("refused an unbalanced journal entry " + event.getPayloadType().getSimpleName()
                    + ": its postings sum to " + entry.postings().stream().map(p -> p.delta().amount())
                    .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add).toPlainString() + ", not zero");
        }
    }

    private void write(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        if (eventMessages.isEmpty()) {
            return;
        }
        eventMessages.forEach(MongoEventStorageEngine::requireBalanced);
        // serialised on the caller's thread, so a group's leader only adds what depends on the index
        List<Document> documents = new ArrayList<>(eventMessages.size());
        List<MessageDigest> hashes = new ArrayList<>(eventMessages.size());
        long bytes = 0;
        for (EventMessage<?> event : eventMessages) {
            Document document = toDocument(event, serializer);
            documents.add(document);
            // the payload is digested here, in parallel; the leader adds only the meta-data and the position
            hashes.add(EventHash.begin(document));
            bytes += estimatedBytes(document);
        }
        groupCommit.append(new GroupCommit.Append(eventMessages.size(), bytes, new Unit(eventMessages, documents, hashes, serializer)));
    }

    /** What a group's leader needs of one appendEvents call. */
    private record Unit(List<? extends EventMessage<?>> events, List<Document> documents, List<MessageDigest> hashes,
                        Serializer serializer) {
    }

    /**
     * Writes one group: one index allocation, one insert of every event (unordered when the group holds several
     * appends, so one clash stops no other), tombstones over the indexes of refused appends. Each append's outcome
     * is set on it; whoever clashed is found per document from the store, not from the error text.
     */
    private void writeGroup(List<GroupCommit.Append> group) {
        int count = group.stream().mapToInt(a -> a.events).sum();
        long last = allocate(count);
        long next = last - count + 1;
        List<Document> documents = new ArrayList<>(count);
        List<GroupCommit.Append> owners = new ArrayList<>(count);
        Set<Long> closed = new TreeSet<>();
        for (GroupCommit.Append append : group) {
            Unit unit = (Unit) append.work;
            long first = next;
            next += append.events;
            try {
                for (int i = 0; i < append.events; i++) {
                    // the event's own position, for readers that need it (a late event's token carries the highest index seen)
                    EventMessage<?> event = unit.events().get(i).andMetaData(Map.of(GLOBAL_INDEX, first + i));
                    String metaData = event.serializeMetaData(unit.serializer(), String.class).getData();
                    unit.documents().get(i).append("metaData", metaData)
                            .append("_id", first + i)
                            .append(EventHash.FIELD, EventHash.finish(unit.hashes().get(i), metaData, first + i));
                }
            } catch (RuntimeException e) {
                append.fail(e);
                for (long index = first; index < next; index++) {
                    closed.add(index);
                }
                continue;
            }
            documents.addAll(unit.documents());
            for (int i = 0; i < append.events; i++) {
                owners.add(append);
            }
        }
        boolean ordered = group.size() == 1;
        try {
            if (!documents.isEmpty()) {
                insert(documents, ordered);
            }
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                // written, but not as durable as asked: nobody is acknowledged
                owners.forEach(owner -> owner.fail(new EventStoreException("the store did not confirm the write: "
                        + e.getWriteConcernError().getMessage(), e)));
            }
            Map<Integer, RuntimeException> refused = refusals(e, documents);
            // an ordered insert writes nothing after its first error
            int stoppedAt = ordered
                    ? e.getWriteErrors().stream().mapToInt(BulkWriteError::getIndex).min().orElse(documents.size())
                    : documents.size();
            for (int i = 0; i < documents.size(); i++) {
                RuntimeException refusal = refused.get(i);
                if (refusal == null && i >= stoppedAt) {
                    refusal = refused.getOrDefault(stoppedAt, new EventStoreException("an earlier event of the same append was refused"));
                }
                if (refusal != null) {
                    owners.get(i).fail(refusal);
                    closed.add(idOf(documents.get(i)));
                }
            }
        } catch (RuntimeException e) {
            // unknown which documents landed: every append of the group is refused; the tombstones of those that
            // did land clash and are only logged (as before group commit)
            owners.forEach(owner -> owner.fail(e));
            documents.forEach(d -> closed.add(idOf(d)));
        }
        tombstone(new ArrayList<>(closed));
    }

    /** Groups written so far by this engine, and the appends they held: (groups, appends). */
    public long[] groupCommitCounts() {
        return new long[] {groupCommit.groups(), groupCommit.appends()};
    }

    /** Appends queued behind the group being written; tests build a group on purpose with it. */
    int appendsWaiting() {
        return groupCommit.waiting();
    }

    /** Inserts the documents of one group. A seam for tests that delay or watch a group's write. */
    protected void insert(List<Document> documents, boolean ordered) {
        events.insertMany(documents, new InsertManyOptions().ordered(ordered));
    }

    private long allocate(int count) {
        // Asks for the counter as it was BEFORE the increment: mongo-java-server answers the AFTER form with the
        // live document, which a concurrent increment may already have changed (two writers got the same index).
        Document before = counters.findOneAndUpdate(Filters.eq("_id", COUNTER_ID), Updates.inc("last", (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        long previous = before == null ? 0 : longOf(before, "last");
        return previous + count;
    }

    /** Closes the indexes refused appends had taken, so readers need not wait for them: one insert for all. */
    private void tombstone(List<Long> indexes) {
        if (indexes.isEmpty()) {
            return;
        }
        List<Document> tombstones = new ArrayList<>(indexes.size());
        for (Long index : indexes) {
            tombstones.add(tombstoneDocument(index));
        }
        try {
            events.insertMany(tombstones, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                log.warn("could not write tombstone {} ({}); readers will skip it after the gap timeout",
                        indexes.get(error.getIndex()), error.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("could not write tombstones {}; readers will skip them after the gap timeout", indexes, e);
        }
    }

    /** The document that closes an index no event will ever take. */
    static Document tombstoneDocument(long index) {
        return new Document("_id", index).append(TOMBSTONE, true)
                .append("streamKey", TOMBSTONE + "#" + index).append("operationKey", TOMBSTONE + "#" + index);
    }

    /**
     * Closes an index whose writer is gone (missing longer than the gap timeout) with a tombstone, so it can be sealed
     * (docs/adr/0013-tamper-evident-log.md). A writer that turns up after that is refused by the store (its
     * {@code _id} is taken) and never acknowledged, instead of landing where every reader has already passed.
     *
     * @return true when the tombstone was written, false when the index is taken (its event landed after all)
     */
    public boolean fence(long index) {
        try {
            events.insertOne(tombstoneDocument(index));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The unique keys of an event document, in the order a clash is reported: a second event at a stream position
     * is a concurrent change of the aggregate; a repeated operation key is an operation already recorded.
     */
    private static final List<String> UNIQUE_KEYS = List.of("streamKey", "operationKey");

    /**
     * What each refused document of an insert is refused for. Which unique key clashed is read from the store (one
     * {@code $in} per key over the refused documents), not from the error text.
     */
    private Map<Integer, RuntimeException> refusals(MongoBulkWriteException e, List<Document> documents) {
        Map<Integer, RuntimeException> refused = new HashMap<>();
        List<Integer> duplicates = new ArrayList<>();
        for (BulkWriteError error : e.getWriteErrors()) {
            if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                duplicates.add(error.getIndex());
            } else {
                refused.put(error.getIndex(), new EventStoreException("could not append event "
                        + documents.get(error.getIndex()).get("eventIdentifier") + ": " + error.getMessage(), e));
            }
        }
        for (String key : UNIQUE_KEYS) {
            if (duplicates.isEmpty()) {
                break;
            }
            List<Object> values = duplicates.stream().map(i -> documents.get(i).get(key)).toList();
            Set<Object> taken = new HashSet<>();
            events.find(Filters.in(key, values)).projection(new Document(key, 1)).forEach(d -> taken.add(d.get(key)));
            for (Iterator<Integer> it = duplicates.iterator(); it.hasNext(); ) {
                int index = it.next();
                Document failed = documents.get(index);
                if (taken.contains(failed.get(key))) {
                    refused.put(index, clash(key, failed, e));
                    it.remove();
                }
            }
        }
        for (Integer index : duplicates) {
            refused.put(index, new EventStoreException("could not append event " + documents.get(index).get("eventIdentifier")
                    + ": a unique key clashed, and no stored event holds any of its keys", e));
        }
        return refused;
    }

    private static RuntimeException clash(String key, Document failed, Exception cause) {
        String aggregate = failed.getString("aggregateIdentifier");
        return switch (key) {
            case "streamKey" -> new ConcurrencyException("aggregate " + aggregate + " already has an event at sequence "
                    + failed.get("sequenceNumber") + ": it was changed concurrently", cause);
            case "operationKey" -> new DuplicateOperationKeyException(aggregate, failed.getString("operationKey"));
            default -> new EventStoreException("event " + failed.get("eventIdentifier") + " clashes on " + key, cause);
        };
    }

    private static long idOf(Document document) {
        return longOf(document, "_id");
    }

    /** A document's size as the group limit counts it: its strings plus a fixed allowance for the rest. */
    private static long estimatedBytes(Document document) {
        long bytes = 256; // field names, numbers, the meta-data added by the leader
        for (Object value : document.values()) {
            if (value instanceof String string) {
                bytes += string.length();
            }
        }
        return bytes;
    }

    private Document toDocument(EventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        String aggregateIdentifier;
        String type;
        long sequenceNumber;
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
            aggregateIdentifier = domainEvent.getAggregateIdentifier();
            type = domainEvent.getType();
            sequenceNumber = domainEvent.getSequenceNumber();
        } else {
            aggregateIdentifier = event.getIdentifier();
            type = null;
            sequenceNumber = 0;
        }
        String operationKey = operationKeyOf.apply(event);
        return new Document("aggregateIdentifier", aggregateIdentifier)
                .append("type", type)
                .append("sequenceNumber", sequenceNumber)
                .append("streamKey", streamKey(aggregateIdentifier, sequenceNumber))
                .append("operationKey", operationKey == null ? "event:" + event.getIdentifier() : operationKey(aggregateIdentifier, operationKey))
                .append("eventIdentifier", event.getIdentifier())
                .append("timestamp", DateTimeUtils.formatInstant(event.getTimestamp()))
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData());
    }

    static String streamKey(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + "#" + sequenceNumber;
    }

    static String operationKey(String aggregateIdentifier, String operationKey) {
        return aggregateIdentifier + "|" + operationKey;
    }

    // ---------------------------------------------------------------- aggregates

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier, long firstSequenceNumber,
                                                                   int batchSize) {
        List<String> keys = new ArrayList<>(batchSize);
        for (long sequence = firstSequenceNumber; sequence < firstSequenceNumber + batchSize; sequence++) {
            keys.add(streamKey(aggregateIdentifier, sequence));
        }
        List<Document> found = events.find(Filters.in("streamKey", keys)).into(new ArrayList<>());
        found.sort(Comparator.comparingLong(d -> longOf(d, "sequenceNumber")));
        List<DomainEventData<?>> result = new ArrayList<>(found.size());
        long expected = firstSequenceNumber;
        for (Document document : found) {
            if (longOf(document, "sequenceNumber") != expected++) {
                break; // an aggregate stream has no holes; never hand out events past one
            }
            result.add(toEventData(document));
        }
        return result;
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document snapshot = snapshots.find(Filters.eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(toEventData(snapshot));
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = toDocument(snapshot, serializer)
                .append("metaData", snapshot.serializeMetaData(serializer, String.class).getData());
        document.remove("streamKey");
        document.remove("operationKey");
        snapshots.replaceOne(Filters.eq("_id", snapshot.getAggregateIdentifier()), document.append("_id", snapshot.getAggregateIdentifier()),
                new ReplaceOptions().upsert(true));
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
        Document found = events.find(Filters.eq("operationKey", operationKey(aggregateIdentifier, operationKey))).first();
        return Optional.ofNullable(found).map(this::toEventData);
    }

    // ---------------------------------------------------------------- tracking

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = forgetOldGaps((GapAwareTrackingToken) lastToken);
        long head = head();
        long from = (token == null ? 0 : token.getIndex()) + 1;
        List<Long> ids = new ArrayList<>(token == null ? List.of() : token.getGaps());
        // Axon asks for its aggregate batch size; a tracking read is worth a bigger batch (same cost per query).
        int window = trackingWindow;
        batchSize = Math.max(batchSize, trackingWindow);
        List<TrackedEventData<?>> result = new ArrayList<>();
        while (true) {
            long to = Math.min(head, from + window - 1);
            for (long index = from; index <= to; index++) {
                ids.add(index);
            }
            if (ids.isEmpty()) {
                return result;
            }
            List<Document> found = trackingEvents.find(Filters.in("_id", ids)).into(new ArrayList<>());
            found.sort(Comparator.comparingLong(d -> longOf(d, "_id")));
            noteMissing(ids, found);
            GapAwareTrackingToken previous = token;
            List<Long> tombstones = new ArrayList<>();
            for (Document document : found) {
                long index = longOf(document, "_id");
                if (document.getBoolean(TOMBSTONE, false)) {
                    tombstones.add(index);
                    continue;
                }
                GenericDomainEventEntry<?> entry = toEventData(document);
                previous = advance(previous, index, entry.getTimestamp(), tombstones);
                result.add(new TrackedDomainEventData<>(previous, entry));
                if (result.size() >= batchSize) {
                    return result;
                }
            }
            if (!result.isEmpty() || to >= head) {
                return result;
            }
            // A whole window of indexes with no event yet: look further, they stay gaps of the next event found.
            from = to + 1;
            ids.clear();
        }
    }

    private GapAwareTrackingToken advance(GapAwareTrackingToken previous, long index, Instant timestamp, List<Long> tombstones) {
        // An event older than the gap timeout proves that every index below it is final (as Axon's JDBC engine does).
        boolean allowGaps = timestamp.isAfter(GenericEventMessage.clock.instant().minus(gapTimeout));
        GapAwareTrackingToken next;
        if (previous == null) {
            SortedSet<Long> gaps = new TreeSet<>();
            if (allowGaps) {
                for (long below = Math.max(1, index - maxGapOffset); below < index; below++) {
                    gaps.add(below);
                }
            }
            next = GapAwareTrackingToken.newInstance(index, gaps);
        } else {
            next = previous.advanceTo(index, allowGaps ? maxGapOffset : 0);
        }
        for (Long tombstone : tombstones) {
            if (next.getGaps().contains(tombstone)) {
                next = next.advanceTo(tombstone, maxGapOffset);
            }
        }
        tombstones.clear();
        return next;
    }

    private void noteMissing(List<Long> asked, List<Document> found) {
        Instant now = GenericEventMessage.clock.instant();
        TreeSet<Long> present = new TreeSet<>();
        found.forEach(d -> present.add(longOf(d, "_id")));
        for (Long index : asked) {
            if (present.contains(index)) {
                missingSince.remove(index);
            } else {
                missingSince.putIfAbsent(index, now);
            }
        }
    }

    /** Drops gaps that have been missing longer than the gap timeout: their writer is gone. */
    private GapAwareTrackingToken forgetOldGaps(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty()) {
            return token;
        }
        Instant deadline = GenericEventMessage.clock.instant().minus(gapTimeout);
        SortedSet<Long> kept = new TreeSet<>();
        for (Long gap : token.getGaps()) {
            Instant since = missingSince.get(gap);
            if (since == null || since.isAfter(deadline)) {
                kept.add(gap);
            } else {
                log.warn("event index {} has been missing since {}; treating it as never written", gap, since);
                missingSince.remove(gap);
            }
        }
        return kept.size() == token.getGaps().size() ? token : GapAwareTrackingToken.newInstance(token.getIndex(), kept);
    }

    /**
     * The stored documents, events and tombstones, at the positions {@code (after, upTo]} (at most a tracking window of
     * them), in position order, as a tracking reader sees them (majority-committed): what the hash chain is built from.
     */
    public List<Document> storedDocuments(long after, long upTo) {
        if (upTo - after > trackingWindow) {
            throw new IllegalArgumentException("at most " + trackingWindow + " positions at once, asked for " + (upTo - after));
        }
        List<Long> ids = new ArrayList<>();
        for (long index = after + 1; index <= upTo; index++) {
            ids.add(index);
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Document> found = trackingEvents.find(Filters.in("_id", ids)).into(new ArrayList<>());
        found.sort(Comparator.comparingLong(d -> longOf(d, "_id")));
        return found;
    }

    /** How many positions {@link #storedDocuments} reads at once. */
    public int readWindow() {
        return trackingWindow;
    }

    /**
     * The lowest position above {@code position} that holds a document, if any. A range read, which the stand-in store
     * answers with a scan: for the auditor's verification (nothing may be stored above the head), not for the hot path.
     */
    public Optional<Long> firstStoredAbove(long position) {
        Document found = trackingEvents.find(Filters.gt("_id", position)).sort(new Document("_id", 1))
                .projection(new Document("_id", 1)).first();
        return Optional.ofNullable(found).map(d -> longOf(d, "_id"));
    }

    /** The highest index handed out so far (some of those below it may still be in flight). */
    public long head() {
        Document counter = trackingCounters.find(Filters.eq("_id", COUNTER_ID)).first();
        return counter == null ? 0 : longOf(counter, "last");
    }

    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        long head = head();
        if (head == 0) {
            return null;
        }
        // Indexes near the head may still be in flight: start with them as gaps so none is skipped.
        long from = Math.max(1, head - trackingWindow + 1);
        List<Long> ids = new ArrayList<>();
        for (long index = from; index <= head; index++) {
            ids.add(index);
        }
        TreeSet<Long> present = new TreeSet<>();
        trackingEvents.find(Filters.in("_id", ids)).projection(new Document("_id", 1))
                .forEach(d -> present.add(longOf(d, "_id")));
        long top = present.isEmpty() ? from - 1 : present.last();
        SortedSet<Long> gaps = new TreeSet<>();
        for (long index = from; index < top; index++) {
            if (!present.contains(index)) {
                gaps.add(index);
            }
        }
        return top <= 0 ? null : GapAwareTrackingToken.newInstance(top, gaps);
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        // Indexes are allocated in time order, so a binary search over them finds the position with point reads.
        long low = 1;
        long high = head();
        while (low <= high) {
            long middle = (low + high) >>> 1;
            Optional<Document> probe = firstEventFrom(middle, high);
            if (probe.isEmpty()) {
                high = middle - 1;
                continue;
            }
            Instant at = DateTimeUtils.parseInstant(probe.get().getString("timestamp"));
            if (at.isBefore(dateTime)) {
                low = longOf(probe.get(), "_id") + 1;
            } else {
                high = middle - 1;
            }
        }
        return low <= 1 ? null : GapAwareTrackingToken.newInstance(low - 1, new TreeSet<>());
    }

    private Optional<Document> firstEventFrom(long from, long to) {
        for (long start = from; start <= to; start += trackingWindow) {
            List<Long> ids = new ArrayList<>();
            for (long index = start; index <= Math.min(to, start + trackingWindow - 1); index++) {
                ids.add(index);
            }
            Optional<Document> first = trackingEvents.find(Filters.in("_id", ids)).into(new ArrayList<>()).stream()
                    .filter(d -> !d.getBoolean(TOMBSTONE, false))
                    .min(Comparator.comparingLong(d -> longOf(d, "_id")));
            if (first.isPresent()) {
                return first;
            }
        }
        return Optional.empty();
    }

    /** A stored number as a long, whether the store kept it as Int32 or Int64. */
    private static long longOf(Document document, String field) {
        return ((Number) document.get(field)).longValue();
    }

    private GenericDomainEventEntry<String> toEventData(Document document) {
        String aggregateIdentifier = document.getString("aggregateIdentifier");
        String eventIdentifier = document.getString("eventIdentifier");
        return new GenericDomainEventEntry<>(
                document.getString("type"),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                longOf(document, "sequenceNumber"),
                eventIdentifier,
                document.getString("timestamp"),
                document.getString("payloadType"),
                document.getString("payloadRevision"),
                document.getString("payload"),
                document.getString("metaData"));
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
        private Runnable afterAppend = () -> {
        };
        private int maxEventsPerGroup = 128;
        private long maxBytesPerGroup = 4L * 1024 * 1024;
        private long gatherMicros = 0;

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
