package com.exchange.ledger.projections.batch;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 */
public final class BatchWrites {

    private final MongoCollection<Document> collection;
    private final String resourceKey;

    public BatchWrites(MongoCollection<Document> collection) {
        this.collection = collection;
        this.resourceKey = BatchWrites.class.getName() + "/" + collection.getNamespace().getFullName();
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

    /** The document {@code id} as this batch has left it so far: its own replacement, else the stored one (read once). */
    public Document find(Object id) {
        Pending pending = pending();
        if (pending == null) {
            return collection.find(Filters.eq("_id", id)).first();
        }
        Optional<Document> known = pending.seen.get(id);
        if (known == null) {
            known = Optional.ofNullable(collection.find(Filters.eq("_id", id)).first());
            pending.seen.put(id, known);
        }
        return known.map(Document::new).orElse(null);
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
    }
}
