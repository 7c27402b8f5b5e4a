package com.exchange.ledger.projections.batch;

import com.exchange.ledger.projections.eventstore.WireMongoExtension;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(WireMongoExtension.class)
@DisplayName("BatchWrites: a processor batch's writes of one collection as one bulk write at its end")
class BatchWritesTest {

    private MongoCollection<Document> collection;
    private BatchWrites writes;

    @BeforeEach
    void fresh(MongoDatabase database) {
        collection = database.getCollection("batch_writes_test");
        collection.deleteMany(new Document());
        writes = new BatchWrites(collection);
    }

    private void put(String id, int value) {
        writes.write(id, new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id).append("value", value),
                new ReplaceOptions().upsert(true)));
    }

    @Test
    @DisplayName("inside a batch nothing is written before its last event; then every document at once, the last write of each")
    void oneBulkWriteAtTheEnd() throws Exception {
        List<EventMessage<?>> messages = IntStream.range(0, 5).<EventMessage<?>>mapToObj(GenericEventMessage::new).toList();
        List<Long> countAfterEach = new ArrayList<>();
        MessageHandlerInterceptor<EventMessage<?>> flush = writes.flushAtEndOfBatch();
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        batch.executeWithResult(() -> {
            int i = (Integer) batch.getMessage().getPayload();
            Object result = flush.handle(batch, () -> {
                put("doc-" + (i % 3), i);
                return null;
            });
            countAfterEach.add(collection.countDocuments());
            return result;
        });
        assertThat(countAfterEach).containsExactly(0L, 0L, 0L, 0L, 3L);
        assertThat(collection.find(Filters.eq("_id", "doc-0")).first().getInteger("value")).isEqualTo(3);
        assertThat(collection.find(Filters.eq("_id", "doc-1")).first().getInteger("value")).isEqualTo(4);
    }

    @Test
    @DisplayName("a view folding a batch in memory sees its own earlier replacement and reads each document once")
    void foldInMemory() throws Exception {
        collection.insertOne(new Document("_id", "counter").append("value", 10));
        List<EventMessage<?>> messages = IntStream.range(0, 4).<EventMessage<?>>mapToObj(GenericEventMessage::new).toList();
        MessageHandlerInterceptor<EventMessage<?>> flush = writes.flushAtEndOfBatch();
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        batch.executeWithResult(() -> flush.handle(batch, () -> {
            Document counter = writes.find("counter");
            // the store is not changed before the end of the batch: its copy must not be what the fold sees
            collection.replaceOne(Filters.eq("_id", "counter"), new Document("_id", "counter").append("value", -1));
            writes.replace("counter", counter.append("value", counter.getInteger("value") + 1));
            return null;
        }));
        assertThat(collection.find(Filters.eq("_id", "counter")).first().getInteger("value")).isEqualTo(14);
    }

    @Test
    @DisplayName("a failed bulk write fails the batch instead of being dropped")
    void failedFlushFailsTheBatch() {
        List<EventMessage<?>> messages = IntStream.range(0, 2).<EventMessage<?>>mapToObj(GenericEventMessage::new).toList();
        MessageHandlerInterceptor<EventMessage<?>> flush = writes.flushAtEndOfBatch();
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        org.axonframework.messaging.unitofwork.RollbackConfigurationType rollback = org.axonframework.messaging.unitofwork.RollbackConfigurationType.ANY_THROWABLE;
        org.axonframework.messaging.ResultMessage<?> result = batch.executeWithResult(() -> flush.handle(batch, () -> {
            // an update operator in a replacement is refused by the store: the bulk write fails
            writes.write("bad", new ReplaceOneModel<>(Filters.eq("_id", "bad"), new Document("$set", new Document("x", 1))));
            return null;
        }), rollback);
        assertThat(result.isExceptional()).isTrue();
        assertThat(collection.countDocuments()).isZero();
    }

    @Test
    @DisplayName("outside a batch (a parked event handled again) a write is sent at once")
    void outsideABatchAtOnce() {
        put("alone", 1);
        assertThat(collection.countDocuments()).isEqualTo(1);
    }
}
