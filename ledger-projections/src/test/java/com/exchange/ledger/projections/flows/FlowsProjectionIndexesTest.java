package com.exchange.ledger.projections.flows;

import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.projections.eventstore.WireMongoExtension;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(WireMongoExtension.class)
@DisplayName("FlowsProjection: the sweeper's and the withdrawal list's queries have their indexes")
class FlowsProjectionIndexesTest {

    private static Map<String, Document> indexes(MongoDatabase database, String collection) {
        Map<String, Document> found = new HashMap<>();
        database.getCollection(collection).listIndexes().forEach(index -> found.put(index.getString("name"), index.get("key", Document.class)));
        return found;
    }

    @Test
    @DisplayName("status and age on every swept flow, status and expiry on trades, status or user in request order on withdrawals; twice is harmless")
    void ensureIndexes(MongoDatabase database) {
        FlowsProjection projection = new FlowsProjection(database, CurrencyTable.defaults());
        projection.ensureIndexes();
        projection.ensureIndexes();

        for (String collection : new String[]{FlowsProjection.WITHDRAWALS, FlowsProjection.TRADES, FlowsProjection.SWAPS, FlowsProjection.EXPRESS_BUYS}) {
            assertThat(indexes(database, collection)).as(collection)
                    .containsEntry("status_1_updated_at_1", new Document("status", 1).append("updated_at", 1));
        }
        assertThat(indexes(database, FlowsProjection.TRADES))
                .containsEntry("status_1_expires_at_1", new Document("status", 1).append("expires_at", 1));
        assertThat(indexes(database, FlowsProjection.WITHDRAWALS))
                .containsEntry("status_1_requested_at_1__id_1", new Document("status", 1).append("requested_at", 1).append("_id", 1))
                .containsEntry("user_id_1_requested_at_1__id_1", new Document("user_id", 1).append("requested_at", 1).append("_id", 1));
    }
}
