package com.exchange.ledger.embeddedstore;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.SerializedKeyCachingH2Backend;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stand-in store for a machine without MongoDB: mongo-java-server on an H2 file, on a loopback port, spoken to
 * through the real drivers over TCP. Its file is committed after every event append ({@link #flush()}), so an
 * acknowledged command survives a kill -9 of the process. It starts only on the library internals its backend was
 * written against ({@link LibraryCheck}).
 */
public final class EmbeddedMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final H2Backend backend;
    private final MongoServer server;
    private final String connectionString;
    private final Object commitLock = new Object();
    private final AtomicLong commitsStarted = new AtomicLong();
    private long commitsFinished;

    private EmbeddedMongo(H2Backend backend) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        this.connectionString = server.bindAndGetConnectionString();
    }

    /** Starts a server persisted in {@code dataDir/ledger.mv}. */
    public static EmbeddedMongo persistedIn(Path dataDir) {
        LibraryCheck.requireThePinnedInternals();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir.toAbsolutePath(), e);
        }
        Path file = dataDir.resolve("ledger.mv").toAbsolutePath();
        EmbeddedMongo mongo = new EmbeddedMongo(new SerializedKeyCachingH2Backend(open(new MVStore.Builder().fileName(file.toString())
                // no background compaction: it moves chunks and fsyncs while holding the store, stalling every commit
                // behind it for 50-150 ms (measured); the file is compacted when the store closes instead
                .autoCompactFillRate(0)
                // pages are Java-serialised objects: one evicted from the default 16 MB cache costs a deserialisation
                // per read (a larger cache, 2 GB, measured no faster on the migration benchmark)
                .cacheSize(256), file)));
        log.info("embedded MongoDB-compatible store on {} persisted in {} (it keeps non-unique indexes without using them: docs/store-differences.md)",
                mongo.connectionString, file);
        return mongo;
    }

    private static MVStore open(MVStore.Builder builder, Path file) {
        try {
            return builder.open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new InUse(file, e);
            }
            throw e;
        }
    }

    /** The store's file is held by another process: one process owns an embedded store (a second would corrupt it). */
    public static final class InUse extends IllegalStateException {
        private final transient Path file;

        InUse(Path file, Throwable cause) {
            super("the embedded store " + file + " is in use by another process", cause);
            this.file = file;
        }

        public Path file() {
            return file;
        }
    }

    /** Starts a server that keeps nothing after it stops. */
    public static EmbeddedMongo inMemory() {
        LibraryCheck.requireThePinnedInternals();
        return new EmbeddedMongo(new SerializedKeyCachingH2Backend(MVStore.open(null)));
    }

    public String connectionString() {
        return connectionString;
    }

    /**
     * Makes every write completed before this call durable. Concurrent callers share commits (group commit): a
     * commit that started after a caller's writes covers them, so the caller waits for it instead of committing again.
     */
    public void flush() {
        long needed = commitsStarted.get() + 1;
        synchronized (commitLock) {
            if (commitsFinished >= needed) {
                return;
            }
            long generation = commitsStarted.incrementAndGet();
            backend.commit();
            commitsFinished = generation;
        }
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
