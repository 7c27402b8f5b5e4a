package com.exchange.ledger.projections.eventstore;

import com.exchange.ledger.core.process.IdClaim;
import com.exchange.ledger.core.shared.JournalEntry;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.exchange.ledger.projections.eventstore.EventDocuments.estimatedBytes;
import static com.exchange.ledger.projections.eventstore.EventDocuments.idOf;
import static com.exchange.ledger.projections.eventstore.MongoEventStorageEngine.GLOBAL_INDEX;

/**
 * The append path: checks and serialises each append on its caller's thread, hands it to the {@link GroupCommit},
 * and writes a group (allocation, insert, hashes, the outcome of every append, tombstones for the refused ones).
 * Kept apart from the reads because it is the only code that decides what an acknowledged append means.
 */
final class EventAppender {

    /** The insert of one group's documents; the engine's overridable seam, so tests can delay or watch it. */
    @FunctionalInterface
    interface Insert {
        void insert(List<Document> documents, boolean ordered);
    }

    /**
     * The unique keys of an event document, in the order a clash is reported: a second event at a stream position
     * is a concurrent change of the aggregate; a repeated operation key is an operation already recorded.
     */
    private static final List<String> UNIQUE_KEYS = List.of("streamKey", "operationKey");

    private final MongoCollection<Document> events;
    private final EventDocuments documents;
    private final EventIndexCounter counter;
    private final Tombstones tombstones;
    private final Insert insert;
    private final GroupCommit groupCommit;
    /** Null when the engine keeps no id claims: an event that carries one is then refused. */
    private final IdClaims idClaims;

    EventAppender(MongoCollection<Document> events, EventDocuments documents, EventIndexCounter counter, Tombstones tombstones,
                  Insert insert, IdClaims idClaims, int maxEventsPerGroup, long maxBytesPerGroup, long gatherMicros, int writeStages,
                  Runnable afterAppend) {
        this.events = events;
        this.idClaims = idClaims;
        this.documents = documents;
        this.counter = counter;
        this.tombstones = tombstones;
        this.insert = insert;
        this.groupCommit = new GroupCommit(maxEventsPerGroup, maxBytesPerGroup, gatherMicros, writeStages, this::writeGroup, afterAppend);
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

    void write(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        if (eventMessages.isEmpty()) {
            return;
        }
        write(prepare(eventMessages, serializer));
    }

    /**
     * Checks, serialises and digests an append without writing it: the work that does not depend on the position, so
     * a bulk writer can do it for its next batch on another thread while the current one is written.
     */
    Prepared prepare(List<? extends EventMessage<?>> eventMessages, Serializer serializer) {
        eventMessages.forEach(EventAppender::requireBalanced);
        // serialised on the caller's thread, so a group's leader only adds what depends on the index
        List<Document> documents = new ArrayList<>(eventMessages.size());
        List<MessageDigest> hashes = new ArrayList<>(eventMessages.size());
        long bytes = 0;
        for (EventMessage<?> event : eventMessages) {
            Document document = this.documents.toDocument(event, serializer);
            documents.add(document);
            // the payload is digested here, in parallel; the leader adds only the meta-data and the position
            hashes.add(EventHash.begin(document));
            bytes += estimatedBytes(document);
        }
        return new Prepared(eventMessages.size(), bytes, new Unit(eventMessages, documents, hashes, serializer));
    }

    /**
     * Writes a prepared append through the group commit, on the calling thread (which waits for it as for any
     * append). A prepared append is written once: its documents receive their positions when written.
     */
    void write(Prepared prepared) {
        if (prepared.events() == 0) {
            return;
        }
        groupCommit.append(new GroupCommit.Append(prepared.events(), prepared.bytes(), prepared.unit()));
    }

    /** An append serialised and digested, not yet written (see {@link #prepare}). */
    record Prepared(int events, long bytes, Unit unit) {
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
    private void writeGroup(List<GroupCommit.Append> all) {
        List<GroupCommit.Append> group = withTheirIds(all);
        if (group.isEmpty()) {
            return;
        }
        int count = group.stream().mapToInt(a -> a.events).sum();
        long last = counter.allocate(count);
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
                insert.insert(documents, ordered);
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
        tombstones.close(new ArrayList<>(closed));
    }

    /**
     * Claims the ids the group's events claim (one {@code insertMany} for the group) and returns the appends whose
     * claims hold, in order; the others are refused before anything of theirs is written or allocated.
     */
    private List<GroupCommit.Append> withTheirIds(List<GroupCommit.Append> group) {
        List<IdClaim> wanted = new ArrayList<>();
        List<GroupCommit.Append> claimants = new ArrayList<>();
        for (GroupCommit.Append append : group) {
            try {
                for (EventMessage<?> event : ((Unit) append.work).events()) {
                    IdClaim claim = IdClaims.of(event);
                    if (claim != null && idClaims == null) {
                        throw new EventStoreException("the event " + event.getIdentifier() + " claims " + claim.key()
                                + ", but this event store keeps no id claims");
                    }
                    if (claim != null) {
                        wanted.add(claim);
                        claimants.add(append);
                    }
                }
            } catch (RuntimeException e) {
                append.fail(e);
            }
        }
        if (!wanted.isEmpty()) {
            List<RuntimeException> outcome = idClaims.claim(wanted);
            for (int i = 0; i < wanted.size(); i++) {
                if (outcome.get(i) != null) {
                    claimants.get(i).fail(outcome.get(i));
                }
            }
        }
        return group.stream().filter(append -> !append.failed()).toList();
    }

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

    /** Groups written so far, and the appends they held: (groups, appends). */
    long[] groupCommitCounts() {
        return new long[] {groupCommit.groups(), groupCommit.appends()};
    }

    /** Appends queued behind the group being written. */
    int appendsWaiting() {
        return groupCommit.waiting();
    }
}
