package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.exchange.ledger.projections.eventstore.MongoEventStorageEngineTest.engineOn;
import static com.exchange.ledger.projections.eventstore.MongoEventStorageEngineTest.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine states its durability itself instead of taking whatever the URL says: an append is written with
 * majority, journaled acknowledgement, the tracking path reads majority-committed data; and the store under test
 * (mongo-java-server, or the MongoDB of the external-store profile) accepts both (docs/store-differences.md).
 */
class StoreConcernsTest {

    private final WireMongo mongo = new WireMongo();
    private final List<BsonDocument> sent = new CopyOnWriteArrayList<>();
    private final MongoClient listened = mongo.recordingClient(sent);

    @AfterEach
    void close() {
        listened.close();
        mongo.close();
    }

    @Test
    void anAppendIsMajorityJournaledAndATrackingReadIsMajorityCommitted() {
        MongoDatabase database = listened.getDatabase(mongo.freshDatabase().getName());
        MongoEventStorageEngine engine = engineOn(database);

        engine.appendEvents(event("a", 0, "first"));
        List<Object> tracked = engine.readEvents(null, false).map(TrackedEventMessage::getPayload).map(Object.class::cast).toList();

        assertThat(tracked).containsExactly("first");
        BsonDocument insert = sent.stream().filter(c -> c.containsKey("insert") && c.getString("insert").getValue().equals("events"))
                .findFirst().orElseThrow();
        assertThat(insert.getDocument("writeConcern")).isEqualTo(BsonDocument.parse("{w: 'majority', j: true}"));
        List<BsonDocument> trackingFinds = sent.stream()
                .filter(c -> c.containsKey("find") && List.of("events", "event_counters").contains(c.getString("find").getValue()))
                .filter(c -> c.containsKey("readConcern"))
                .toList();
        assertThat(trackingFinds).extracting(c -> c.getString("find").getValue()).contains("events", "event_counters");
        assertThat(trackingFinds).allSatisfy(c -> assertThat(c.getDocument("readConcern")).isEqualTo(BsonDocument.parse("{level: 'majority'}")));
    }
}
