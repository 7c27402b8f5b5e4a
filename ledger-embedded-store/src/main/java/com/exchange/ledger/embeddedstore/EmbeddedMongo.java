package com.exchange.ledger.embeddedstore;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.SerializedKeyCachingH2Backend;
import de.bwaldvogel.mongo.backend.h2.VersionTakenFileStore;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    /** Commits what no flush committed (read models, tokens) once a second: H2's own auto-commit is off. */
    private final ScheduledExecutorService committer;

    /** Netty workers of the wire server; see the constructor. */
    static final int WORKER_THREADS = 64;

    /** The file this process holds locked, or null for a store in memory. */
    private final Path file;

    private EmbeddedMongo(H2Backend backend, Path file) {
        boolean persisted = file != null;
        this.file = file;
        this.backend = backend;
        this.server = new MongoServer(backend);
        // a worker per connection the service may open, near enough: a request waiting for a collection (another write
        // to it, or a commit taking its version) blocks its netty worker and, with netty's default of two per core, the
        // other connections that worker serves, so the store's latency grew with every wait
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1, WORKER_THREADS);
        this.connectionString = server.getConnectionString();
        this.committer = persisted ? Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedded-store-commit");
            thread.setDaemon(true);
            return thread;
        }) : null;
        if (committer != null) {
            committer.scheduleWithFixedDelay(this::commitUnsaved, COMMIT_EVERY.toMillis(), COMMIT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static final Duration COMMIT_EVERY = Duration.ofSeconds(1);

    private void commitUnsaved() {
        try {
            if (backend.getMvStore().hasUnsavedChanges()) {
                flush();
            }
        } catch (RuntimeException e) {
            log.warn("the embedded store's periodic commit failed; the next append's commit tries again: {}", e.toString());
        }
    }

    /**
     * A name for whoever works on this store that no two live processes can share: a persisted store's file is locked
     * by the one process that opened it ({@link InUse} for any other). A process restarted after a {@code kill -9}
     * gets the same name, so it can take back at once what its predecessor held (its event processors' token claims)
     * instead of waiting for those claims to time out. Empty for a store in memory, which no other process can reach.
     */
    public java.util.Optional<String> ownerName() {
        return java.util.Optional.ofNullable(file).map(f -> "embedded-store:" + f);
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
        EmbeddedMongo mongo = new EmbeddedMongo(new SerializedKeyCachingH2Backend(open(file)), file);
        log.info("embedded MongoDB-compatible store on {} persisted in {} (it keeps non-unique indexes without using them: docs/store-differences.md)",
                mongo.connectionString, file);
        return mongo;
    }

    private static MVStore open(Path file) {
        Map<String, Object> fileSettings = new HashMap<>();
        // no background compaction: it moves chunks and fsyncs while holding the store, stalling every commit behind it
        // for 50-150 ms (measured); the file is compacted when the store closes instead
        fileSettings.put("autoCompactFillRate", 0);
        // pages are Java-serialised objects: one evicted from the default 16 MB cache costs a deserialisation per read
        // (a larger cache, 2 GB, measured no faster on the migration benchmark)
        fileSettings.put("cacheSize", 256);
        // the file store tells the backend when a commit has taken its version, so the collections are released before
        // the file is written (SerializedKeyCachingH2Backend#commit)
        VersionTakenFileStore fileStore = new VersionTakenFileStore(fileSettings);
        try {
            fileStore.open(file.toString(), false, (char[]) null);
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new InUse(file, e);
            }
            throw e;
        }
        try {
            return new MVStore.Builder().adoptFileStore(fileStore)
                    // committed only by the backend, which waits for writes half done (a document without its index keys):
                    // no background commits, and none from a writer's thread when unsaved changes pass H2's buffer size
                    .autoCommitDisabled()
                    .autoCommitBufferSize(0)
                    .open();
        } catch (RuntimeException e) {
            fileStore.close();
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
        return new EmbeddedMongo(new SerializedKeyCachingH2Backend(MVStore.open(null)), null);
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
        if (committer != null) {
            committer.shutdownNow();
        }
        server.shutdownNow();
        backend.close();
    }

    /** The backend behind the server, for tests that reach past the wire. */
    H2Backend backend() {
        return backend;
    }

    /** What a kill -9 leaves: the file as last committed, nothing written since, the file released. For tests. */
    void crash() {
        if (committer != null) {
            committer.shutdownNow();
        }
        // the file first: the server's shutdown closes the backend, which would commit what a kill -9 loses
        backend.getMvStore().closeImmediately();
        server.shutdownNow();
    }
}
