package com.exchange.ledger.projections.batch;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of one collection gathered over a processor batch. Inside a batch a write is kept until the batch's last
 * event has been handled and then sent with the others in one unordered {@code bulkWrite}; outside one (a parked event
 * handled again, a test calling a handler) it is sent at once. The flush runs in a handler interceptor, outside the
 * dead-letter invoker: a failed bulk write fails the whole batch, which the processor retries, and never parks one
 * event for the writes of all. Writes to one document must be idempotent and replace it whole (ADR 0006), so a
 * batch handled twice after a crash writes the same documents.
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
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch) {
            batch.<Pending>getOrComputeResource(resourceKey, key -> new Pending()).writes.put(documentId, write);
        } else {
            collection.bulkWrite(List.of(write));
        }
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
    }
}
