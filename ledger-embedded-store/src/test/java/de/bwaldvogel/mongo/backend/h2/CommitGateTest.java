package de.bwaldvogel.mongo.backend.h2;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A commit closes the store's write gate only while H2 takes its version: it waits for the writes under way (no half
 * write in the file), not for queries, and writes go on while it writes the file; what they do, an update in place
 * included, is not in that version.
 */
@DisplayName("Embedded store: a commit waits for the writes under way, not for queries nor for its file")
class CommitGateTest {

    /** Holds the next commit after it has taken its version, before it serialises a page. */
    static final class HeldFileStore extends VersionTakenFileStore {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean hold;

        HeldFileStore() {
            super(new HashMap<>());
        }

        @Override
        public WriteBuffer getWriteBuffer() {
            WriteBuffer buffer = super.getWriteBuffer();
            if (hold) {
                hold = false;
                writing.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return buffer;
        }
    }

    @Test
    @DisplayName("a commit waits while a write is under way, and goes on once it is whole")
    void commitWaitsForAWriteUnderWay() throws Exception {
        SerializedKeyCachingH2Backend backend = new SerializedKeyCachingH2Backend(MVStore.open(null));
        try {
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread writer = new Thread(() -> backend.gate().pass(() -> { // what every write of a collection passes
                held.countDown();
                awaitQuietly(release);
            }));
            writer.start();
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            Thread committer = new Thread(backend::commit);
            committer.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> committer.getState() == Thread.State.WAITING);
            assertThat(committer.isAlive()).as("the commit waits for the write").isTrue();

            release.countDown();
            committer.join(Duration.ofSeconds(30).toMillis());
            writer.join(Duration.ofSeconds(30).toMillis());
            assertThat(committer.isAlive()).as("the commit goes on once the write is whole").isFalse();
        } finally {
            backend.close();
        }
    }

    @Test
    @DisplayName("a commit does not wait for a query under way (its collection's monitor held)")
    void commitPassesAQueryUnderWay() throws Exception {
        SerializedKeyCachingH2Backend backend = new SerializedKeyCachingH2Backend(MVStore.open(null));
        MongoServer server = new MongoServer(backend);
        server.bind();
        try (MongoClient client = MongoClients.create(server.getConnectionString())) {
            client.getDatabase("db").getCollection("views").insertOne(new Document("_id", "a"));
            Object collection = backend.resolveDatabase("db").resolveCollection("views", true);
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                synchronized (collection) { // what the library's queries hold while they scan
                    held.countDown();
                    awaitQuietly(release);
                }
            });
            reader.start();
            assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
            try {
                assertTimeoutPreemptively(Duration.ofSeconds(20), backend::commit, "the commit waited for a query");
            } finally {
                release.countDown();
                reader.join(Duration.ofSeconds(30).toMillis());
            }
        } finally {
            server.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("an insert and an update in place pass while the file is written; the file holds the version as taken")
    void writesPassWhileTheFileIsWritten(@TempDir Path dir) throws Exception {
        String file = dir.resolve("ledger.mv").toString();
        HeldFileStore files = new HeldFileStore();
        files.open(file, false, (char[]) null);
        SerializedKeyCachingH2Backend backend = new SerializedKeyCachingH2Backend(
                new MVStore.Builder().adoptFileStore(files).autoCommitDisabled().open());
        MongoServer server = new MongoServer(backend);
        server.bind();
        Thread committer;
        try (MongoClient client = MongoClients.create(server.getConnectionString())) {
            MongoCollection<Document> views = client.getDatabase("db").getCollection("views");
            views.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            views.insertOne(new Document("_id", "a").append("key", "k1").append("n", 1));

            files.hold = true;
            committer = new Thread(backend::commit, "committer");
            committer.start();
            assertThat(files.writing.await(30, TimeUnit.SECONDS)).as("the commit took its version").isTrue();

            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                views.insertOne(new Document("_id", "b").append("key", "k9").append("n", 1));
                // the library changes the stored document object itself, then puts it again
                views.updateOne(Filters.eq("_id", "a"), Updates.combine(Updates.set("key", "k2"), Updates.set("n", 2)));
            }, "a write waited for the file to be written");
            assertThat(committer.isAlive()).as("the file is still being written").isTrue();
        } finally {
            files.release.countDown();
        }
        committer.join(Duration.ofSeconds(30).toMillis());
        assertThat(committer.isAlive()).isFalse();
        // a kill -9 right after that commit: nothing written since reaches the file (the server's shutdown would commit)
        backend.getMvStore().closeImmediately();
        server.shutdownNow();

        SerializedKeyCachingH2Backend reopened = new SerializedKeyCachingH2Backend(
                new MVStore.Builder().fileName(file).autoCommitDisabled().open());
        MongoServer again = new MongoServer(reopened);
        again.bind();
        try (MongoClient client = MongoClients.create(again.getConnectionString())) {
            MongoCollection<Document> views = client.getDatabase("db").getCollection("views");
            assertThat(views.find().into(new java.util.ArrayList<>()))
                    .as("the version the commit took: a as it was, b not yet")
                    .containsExactly(new Document("_id", "a").append("key", "k1").append("n", 1));
            assertThat(views.countDocuments(Filters.eq("key", "k1"))).as("found by its unique key").isOne();
            views.insertOne(new Document("_id", "b").append("key", "k9").append("n", 1));
            assertThat(views.countDocuments()).isEqualTo(2);
        } finally {
            again.shutdownNow();
            reopened.close();
        }
    }
}
