package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.concurrent.atomic.AtomicLong;

import static com.exchange.ledger.projections.eventstore.EventDocuments.longOf;

/**
 * The global index: one counter document, incremented before the insert, so the writers allocate and the tracking
 * path reads the head from the same place, each with its own concerns.
 */
final class EventIndexCounter {

    private static final String COUNTER_ID = "events";

    private final MongoCollection<Document> counters;
    /** The counter as the tracking path reads it: majority-committed only (docs/store-differences.md). */
    private final MongoCollection<Document> trackingCounters;
    /** The highest index this process was handed: every index up to it is allocated, by this process or another. */
    private final AtomicLong allocatedHere = new AtomicLong();

    EventIndexCounter(MongoCollection<Document> counters, MongoCollection<Document> trackingCounters) {
        this.counters = counters;
        this.trackingCounters = trackingCounters;
    }

    /** Created up front so concurrent first appends never race to upsert it. */
    void createIfAbsent() {
        counters.updateOne(Filters.eq("_id", COUNTER_ID), Updates.setOnInsert("last", 0L), new com.mongodb.client.model.UpdateOptions().upsert(true));
    }

    /** Takes {@code count} indexes at once and returns the highest of them. */
    long allocate(int count) {
        // Asks for the counter as it was BEFORE the increment: mongo-java-server answers the AFTER form with the
        // live document, which a concurrent increment may already have changed (two writers got the same index).
        Document before = counters.findOneAndUpdate(Filters.eq("_id", COUNTER_ID), Updates.inc("last", (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
        long previous = before == null ? 0 : longOf(before, "last");
        allocatedHere.accumulateAndGet(previous + count, Math::max);
        return previous + count;
    }

    /** The highest index this process allocated: a lower bound of {@link #head()} known without reading the store. */
    long allocatedHere() {
        return allocatedHere.get();
    }

    /** The highest index handed out so far (some of those below it may still be in flight). */
    long head() {
        Document counter = trackingCounters.find(Filters.eq("_id", COUNTER_ID)).first();
        return counter == null ? 0 : longOf(counter, "last");
    }
}
