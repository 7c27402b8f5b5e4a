package com.exchange.ledger.projections.batch;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The writes of one collection gathered over a processor batch. Inside a batch a write is kept until the batch's last
 * event has been handled and then sent with the others in one unordered {@code bulkWrite}; outside one (a parked event
 * handled again, a test calling a handler) it is sent at once. The flush runs in a handler interceptor, outside the
 * dead-letter invoker: a failed bulk write fails the whole batch, which the processor retries, and never parks one
 * event for the writes of all. Writes to one document must be idempotent and replace it whole (ADR 0006), so a
 * batch handled twice after a crash writes the same documents.
 * <p>
 * A view that reads the document it changes ({@link #find}) folds the batch in memory: it sees its own earlier
 * replacement of the same batch, not the store's older copy, and each document it touches is read at most once per
 * batch. Only one segment writes a document, so nothing else changes it between the read and the batch's write.
 * <p>
 * A view that says which documents an event will read ({@link #BatchWrites(MongoCollection, Function)}) has them read
 * ahead: its first {@link #find} of a batch reads the documents of all the batch's events with one {@code $in} query
 * (one per {@value #READ_AHEAD_CHUNK} ids), instead of one round trip per document (issue 14; {@code wallets} does the
 * same with its own batch). Ids the view names but never reads cost nothing but their place in the {@code $in}; a
 * document the view reads without having named it is still read on its own. A batch in which the view only writes
 * (or reads nothing) reads nothing ahead.
 */
public final class BatchWrites {

    /** The most ids in one {@code $in}: a batch of thousands of events reads in several queries, none unbounded. */
    public static final int READ_AHEAD_CHUNK = 1_000;

    private final MongoCollection<Document> collection;
    private final String resourceKey;
    private final Function<Object, Collection<?>> reads;

    /** Writes gathered per batch; each document {@link #find} reads is read on its own (once per batch). */
    public BatchWrites(MongoCollection<Document> collection) {
        this(collection, payload -> List.of());
    }

    /**
     * @param reads the ids of the documents the view's handler will {@link #find} for an event, given its payload
     *              (none for an event the view does not handle or only writes)
     */
    public BatchWrites(MongoCollection<Document> collection, Function<Object, Collection<?>> reads) {
        this.collection = collection;
        this.resourceKey = BatchWrites.class.getName() + "/" + collection.getNamespace().getFullName();
        this.reads = reads;
    }

    /** Writes {@code write}, keyed by the document it writes (a later write of the same document replaces it). */
    public void write(Object documentId, WriteModel<Document> write) {
        Pending pending = pending();
        if (pending != null) {
            pending.writes.put(documentId, write);
        } else {
            collection.bulkWrite(List.of(write));
        }
    }

    /** Replaces (or inserts) the document {@code id} whole with {@code document}; later {@link #find}s of the batch see it. */
    public void replace(Object id, Document document) {
        Pending pending = pending();
        if (pending != null) {
            pending.seen.put(id, Optional.of(document));
        }
        write(id, new ReplaceOneModel<>(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true)));
    }

    /**
     * The caller has written {@code document} as {@code id} to the store itself, at once: later {@link #find}s of the
     * batch see it without reading it (a reader whose few writes must land at once, as the referral book's).
     */
    public void writtenAtOnce(Object id, Document document) {
        Pending pending = pending();
        if (pending != null) {
            pending.seen.put(id, Optional.of(document));
        }
    }

    /** The document {@code id} as this batch has left it so far: its own replacement, else the stored one (read once). */
    public Document find(Object id) {
        Pending pending = pending();
        if (pending == null) {
            return collection.find(Filters.eq("_id", id)).first();
        }
        if (!pending.readAhead) {
            pending.readAhead = true;
            readAhead(pending, idsOfBatch());
        }
        Optional<Document> known = pending.seen.get(id);
        if (known == null) {
            known = Optional.ofNullable(collection.find(Filters.eq("_id", id)).first());
            pending.seen.put(id, known);
        }
        return known.map(Document::new).orElse(null);
    }

    /**
     * Reads the documents {@code ids} into this batch with one {@code $in} per {@value #READ_AHEAD_CHUNK} ids, so the
     * batch's {@link #find}s of them send nothing; outside a batch it does nothing. A document the batch has already
     * read or replaced is left as the batch has it.
     */
    public void readAhead(Collection<?> ids) {
        Pending pending = pending();
        if (pending != null) {
            readAhead(pending, ids);
        }
    }

    private void readAhead(Pending pending, Collection<?> ids) {
        List<Object> unknown = new ArrayList<>();
        for (Object id : new LinkedHashSet<>(ids)) {
            if (!pending.seen.containsKey(id)) {
                unknown.add(id);
            }
        }
        for (int from = 0; from < unknown.size(); from += READ_AHEAD_CHUNK) {
            List<Object> chunk = unknown.subList(from, Math.min(unknown.size(), from + READ_AHEAD_CHUNK));
            Map<Object, Document> found = new HashMap<>();
            collection.find(Filters.in("_id", chunk)).forEach(document -> found.put(document.get("_id"), document));
            // an id the store does not have is known to be absent: the batch's find of it sends nothing either
            chunk.forEach(id -> pending.seen.putIfAbsent(id, Optional.ofNullable(found.get(id))));
        }
    }

    /** The ids of the documents the view reads for the events of the current batch, in the batch's order. */
    private Collection<Object> idsOfBatch() {
        if (!(CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch)) {
            return List.of();
        }
        Set<Object> ids = new LinkedHashSet<>();
        for (Message<?> message : batch.getMessages()) {
            ids.addAll(reads.apply(message.getPayload()));
        }
        return ids;
    }

    private Pending pending() {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch) {
            return batch.getOrComputeResource(resourceKey, key -> new Pending());
        }
        return null;
    }

    /** Register on the processor of the views using this: sends a batch's writes while its last event is handled. */
    public MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isLastMessage()) {
                Pending pending = batch.getResource(resourceKey);
                if (pending != null && !pending.writes.isEmpty()) {
                    collection.bulkWrite(new ArrayList<>(pending.writes.values()), new BulkWriteOptions().ordered(false));
                    pending.writes.clear();
                }
            }
            return result;
        };
    }

    private static final class Pending {
        private final Map<Object, WriteModel<Document>> writes = new LinkedHashMap<>();
        private final Map<Object, Optional<Document>> seen = new HashMap<>();
        private boolean readAhead;
    }
}
