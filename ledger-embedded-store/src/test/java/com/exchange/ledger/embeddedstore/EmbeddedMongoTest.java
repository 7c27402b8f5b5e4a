package com.exchange.ledger.embeddedstore;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Embedded store: unique indexes survive a restart, and files of the stock H2 backend open unchanged")
class EmbeddedMongoTest {

    private static final int KEYS = 3_000;

    private static void fill(String connectionString) {
        try (MongoClient client = MongoClients.create(connectionString)) {
            MongoCollection<Document> events = client.getDatabase("wallet_ledger").getCollection("events");
            events.createIndex(Indexes.ascending("streamKey"), new IndexOptions().unique(true));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < KEYS; i++) {
                batch.add(new Document("_id", (long) i).append("streamKey", "user-" + (i * 7919 % KEYS) + "/BTC#" + i));
            }
            events.insertMany(batch);
        }
    }

    private static void assertIndexWorks(String connectionString) {
        try (MongoClient client = MongoClients.create(connectionString)) {
            MongoCollection<Document> events = client.getDatabase("wallet_ledger").getCollection("events");
            for (int i = 0; i < KEYS; i += 97) {
                String key = "user-" + (i * 7919 % KEYS) + "/BTC#" + i;
                assertThat(events.find(Filters.eq("streamKey", key)).first()).as(key).isNotNull();
                long id = i;
                assertThatThrownBy(() -> events.insertOne(new Document("_id", 1_000_000L + id).append("streamKey", key)))
                        .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            }
            List<String> someKeys = List.of("user-0/BTC#0", "user-" + (7919 % KEYS) + "/BTC#1", "absent");
            assertThat(events.find(Filters.in("streamKey", someKeys)).into(new ArrayList<>())).hasSize(2);
            // a deleted document frees its key
            events.deleteOne(Filters.eq("_id", 0L));
            events.insertOne(new Document("_id", 0L).append("streamKey", "user-0/BTC#0"));
            events.insertOne(new Document("_id", 2_000_000L).append("streamKey", "new-key"));
            assertThat(events.countDocuments()).isEqualTo(KEYS + 1);
        }
    }

    @Test
    @DisplayName("H2 never commits by itself: not in the background, not from a writer's thread when its buffer fills")
    void onlyTheBackendCommits(@TempDir Path dir) {
        try (EmbeddedMongo mongo = EmbeddedMongo.persistedIn(dir)) {
            MVStore store = mongo.backend().getMvStore();
            assertThat(store.getAutoCommitDelay()).as("background commits").isZero();
            assertThat(store.getAutoCommitMemory()).as("commits from a writer's thread past this many bytes").isZero();
        }
    }

    @Test
    @DisplayName("written, closed and opened again: every key is found and a duplicate refused")
    void reopened(@TempDir Path dir) {
        try (EmbeddedMongo mongo = EmbeddedMongo.persistedIn(dir)) {
            fill(mongo.connectionString());
            mongo.flush();
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.persistedIn(dir)) {
            assertIndexWorks(mongo.connectionString());
        }
    }

    @Test
    @DisplayName("a file written by mongo-java-server's own H2 backend keeps working: same key order, same format")
    void stockFilesOpen(@TempDir Path dir) {
        MVStore store = new MVStore.Builder().fileName(dir.resolve("ledger.mv").toString()).open();
        H2Backend stock = new H2Backend(store);
        MongoServer server = new MongoServer(stock);
        fill(server.bindAndGetConnectionString());
        stock.commit();
        server.shutdownNow();
        stock.close();

        try (EmbeddedMongo mongo = EmbeddedMongo.persistedIn(dir)) {
            assertIndexWorks(mongo.connectionString());
        }
    }

    @Test
    @DisplayName("a file written here opens in mongo-java-server's own H2 backend: the format is the stock one")
    void filesOpenInTheStockBackend(@TempDir Path dir) {
        try (EmbeddedMongo mongo = EmbeddedMongo.persistedIn(dir)) {
            fill(mongo.connectionString());
            mongo.flush();
        }
        H2Backend stock = new H2Backend(new MVStore.Builder().fileName(dir.resolve("ledger.mv").toString()).open());
        MongoServer server = new MongoServer(stock);
        try {
            assertIndexWorks(server.bindAndGetConnectionString());
        } finally {
            server.shutdownNow();
            stock.close();
        }
    }
}
