package com.exchange.ledger.embeddedstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The file a kill -9 leaves holds whole writes only. mongo-java-server writes a document, then its index keys; a commit
 * between the two left a document without its {@code _id} key, and after the restart an upsert of it failed on every
 * retry ("already existed"): a read model stuck in the crash test. How a commit waits for writes under way, and why
 * it need not wait for the file, is tested beside the backend ({@code CommitGateTest}).
 */
@DisplayName("Embedded store: a commit waits for a write half done, so a crash leaves whole documents and their keys")
class CrashConsistencyTest {

    @Test
    @DisplayName("killed while writers upsert and commits run: every document left is found by its keys and upserts again")
    void killedWhileWriting(@TempDir Path dir) throws Exception {
        int writers = 3;
        AtomicLong written = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        EmbeddedMongo mongo = EmbeddedMongo.persistedIn(dir);
        MongoClient client = MongoClients.create(mongo.connectionString());
        MongoCollection<Document> views = client.getDatabase("db").getCollection("views");
        views.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(new Thread(() -> {
                for (long i = 0; !stop.get(); i++) {
                    String id = writer + "#" + i;
                    try {
                        views.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("key", "k" + id).append("n", i),
                                new ReplaceOptions().upsert(true));
                        written.incrementAndGet();
                    } catch (RuntimeException storeGone) {
                        return;
                    }
                }
            }));
        }
        threads.add(new Thread(() -> {
            while (!stop.get()) {
                try {
                    mongo.flush();
                } catch (RuntimeException storeGone) {
                    return;
                }
            }
        }));
        threads.forEach(Thread::start);
        await().atMost(Duration.ofSeconds(120)).until(() -> written.get() >= 2_000);

        mongo.crash();
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30).toMillis());
        }
        client.close();

        try (EmbeddedMongo reopened = EmbeddedMongo.persistedIn(dir);
             MongoClient again = MongoClients.create(reopened.connectionString())) {
            MongoCollection<Document> survivors = again.getDatabase("db").getCollection("views");
            List<Document> documents = survivors.find().into(new ArrayList<>());
            assertThat(documents).as("committed before the kill").isNotEmpty();
            for (Document document : documents) {
                Object id = document.get("_id");
                assertThat(survivors.countDocuments(Filters.eq("_id", id))).as("found by _id: %s", id).isOne();
                assertThat(survivors.countDocuments(Filters.eq("key", document.get("key")))).as("found by key: %s", id).isOne();
                survivors.replaceOne(Filters.eq("_id", id), document.append("n", -1), new ReplaceOptions().upsert(true));
            }
            assertThat(survivors.countDocuments()).isEqualTo(documents.size());
        }
    }
}
