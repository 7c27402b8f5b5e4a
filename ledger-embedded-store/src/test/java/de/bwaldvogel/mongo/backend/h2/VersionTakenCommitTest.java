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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A commit holds the collections only while H2 takes its version: writes go on while it writes the file, and what they
 * do, an update in place included, is not in that version.
 */
@DisplayName("Embedded store: a commit releases the collections once its version is taken, and writes only that version")
class VersionTakenCommitTest {

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
