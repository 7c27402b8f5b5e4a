package com.exchange.ledger.projections.holds;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.reactivestreams.Publisher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The reads of the {@code open_holds} view {@link OpenHoldsProjection} writes: the API asks these methods and never
 * builds filters on the collection itself, so the documents' field names stay this package's business. The gauges
 * count with the blocking driver, the auditors' listing streams with the reactive one.
 */
public class OpenHoldsQueries {

    private final MongoDatabase database;
    private final com.mongodb.reactivestreams.client.MongoDatabase reactiveDatabase;

    public OpenHoldsQueries(MongoDatabase database, com.mongodb.reactivestreams.client.MongoDatabase reactiveDatabase) {
        this.database = database;
        this.reactiveDatabase = reactiveDatabase;
    }

    /** Open holds taken at or before {@code lockedAtOrBefore}, oldest first, at most {@code limit}: the stored documents. */
    public Publisher<Document> openLockedAtOrBefore(Instant lockedAtOrBefore, int limit) {
        return reactiveDatabase.getCollection(OpenHoldsProjection.COLLECTION)
                .find(Filters.and(open(), Filters.lte("locked_at", Date.from(lockedAtOrBefore))))
                .sort(Sorts.ascending("locked_at")).limit(limit);
    }

    /** When a stored hold was taken. */
    public static Instant lockedAt(Document hold) {
        return hold.getDate("locked_at").toInstant();
    }

    /** Open holds taken after {@code lockedAfter} and at or before {@code lockedAtOrBefore}; a null bound is open. */
    public long countOpen(Instant lockedAfter, Instant lockedAtOrBefore) {
        List<Bson> filters = new ArrayList<>(List.of(open()));
        if (lockedAtOrBefore != null) {
            filters.add(Filters.lte("locked_at", Date.from(lockedAtOrBefore)));
        }
        if (lockedAfter != null) {
            filters.add(Filters.gt("locked_at", Date.from(lockedAfter)));
        }
        return database.getCollection(OpenHoldsProjection.COLLECTION).countDocuments(Filters.and(filters));
    }

    private static Bson open() {
        return Filters.eq("state", OpenHoldsProjection.OPEN);
    }
}
