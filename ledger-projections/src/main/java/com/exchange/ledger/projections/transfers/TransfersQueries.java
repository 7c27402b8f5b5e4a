package com.exchange.ledger.projections.transfers;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.reactivestreams.Publisher;

/**
 * The reads of the {@code transfers} view {@link TransfersInFlightProjection} writes: the API asks these methods and
 * never builds filters on the collection itself. The gauge counts with the blocking driver, the auditors' listing
 * streams with the reactive one.
 */
public class TransfersQueries {

    /** A transfer sent and not yet received or returned. */
    public static final String IN_FLIGHT = "in_flight";

    private final MongoDatabase database;
    private final com.mongodb.reactivestreams.client.MongoDatabase reactiveDatabase;

    public TransfersQueries(MongoDatabase database, com.mongodb.reactivestreams.client.MongoDatabase reactiveDatabase) {
        this.database = database;
        this.reactiveDatabase = reactiveDatabase;
    }

    /** The transfers in {@code state}, at most {@code limit}, in the store's order: the stored documents. */
    public Publisher<Document> inState(String state, int limit) {
        return reactiveDatabase.getCollection(TransfersInFlightProjection.COLLECTION).find(Filters.eq("state", state)).limit(limit);
    }

    public long countInFlight() {
        return database.getCollection(TransfersInFlightProjection.COLLECTION).countDocuments(Filters.eq("state", IN_FLIGHT));
    }
}
