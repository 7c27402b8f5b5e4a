package com.exchange.ledger.projections.system;

import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.reactivestreams.Publisher;

/**
 * The read of the {@code system_balances} view {@link SystemBalancesProjection} writes: the API asks this and never
 * queries the collection itself, so the documents' shape (and the processor's token kept beside them) stays this
 * package's business.
 */
public class SystemBalancesQueries {

    private final MongoDatabase reactiveDatabase;

    public SystemBalancesQueries(MongoDatabase reactiveDatabase) {
        this.reactiveDatabase = reactiveDatabase;
    }

    /** Every system account's balances, by id, without the processor's token stored with them. */
    public Publisher<Document> all() {
        return reactiveDatabase.getCollection(SystemBalancesProjection.COLLECTION).find()
                .projection(new Document("token", 0).append("token_type", 0)).sort(Sorts.ascending("_id"));
    }
}
