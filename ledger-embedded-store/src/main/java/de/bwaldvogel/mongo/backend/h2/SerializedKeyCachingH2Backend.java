package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * mongo-java-server's H2 backend with two changes: the keys of unique indexes carry their serialised form, so they are
 * compared and written without serialising them again; and a commit never catches a write half done.
 * <p>
 * The backend keeps a unique index as an H2 map whose keys ({@link KeyValue}) H2 orders by their Java-serialised
 * bytes, and H2 serialises both keys anew for every comparison: a look-up in an index of a million keys serialises
 * some forty objects, which made secondary unique indexes (the event store's stream and operation keys, the
 * wallets' user and currency) the store's main cost (measured: 70 % of the server's CPU during the migration). Here
 * the map holds {@link SerializedKey}s: a key is serialised once when the index is asked about it, a key read from
 * the file keeps the bytes it was read from, and both are compared and written exactly as H2 compares and writes a
 * serialised object, so the order and the file format, and therefore every existing data file, stay the same. The
 * serialised form of a key of one string or number is built by {@link KeyBytes} without an object stream (the same
 * bytes; serialising was still the store's largest cost while events were appended).
 * <p>
 * The library writes a document and then its index keys as separate map changes, and H2 commits whatever the maps
 * hold at that moment. A commit between the two, then a kill -9, left a document in the file without its {@code _id}
 * key: the next upsert of it did not find it and failed on the data map ("already existed"), a read model's batch
 * failing at every retry (seen in the crash test). So every write of a collection holds a store-wide gate open for
 * writes ({@link WriteGate}; many writes at once, each still one at a time per collection as the library has it), and
 * {@link #commit} closes the gate while H2 takes the commit's version: after every write under way, before any other.
 * The file is committed only by it (the store is opened with H2's own commits disabled). Reads do not pass the gate: a
 * commit does not wait for a long query. On a file in a {@link VersionTakenFileStore} the gate opens again before the
 * file is written: the documents keep the bytes they were put with ({@link StoredDocument}), so what happens to a
 * collection meanwhile cannot reach the version being written, and the next writes do not wait for the file.
 * <p>
 * In the backend's package only because the index class's constructor is package-private. What it takes from the
 * internals of the pinned versions is listed, and checked before the embedded store starts, in {@link PinnedInternals}.
 */
public class SerializedKeyCachingH2Backend extends H2Backend {

    /** Runs H2's commit while the committing caller keeps the gate closed until H2 has taken the commit's version. */
    private final ExecutorService fileWriter = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "embedded-store-file-writer");
        thread.setDaemon(true);
        return thread;
    });
    private final Object oneCommitAtATime = new Object();

    /**
     * Open while collections are written, closed while a commit takes its version. Assigned on first use and without
     * an initializer: the super constructor opens the existing collections, before a field initializer would run.
     */
    private WriteGate gate;

    public SerializedKeyCachingH2Backend(MVStore store) {
        super(store);
    }

    synchronized WriteGate gate() {
        if (gate == null) {
            gate = new WriteGate();
        }
        return gate;
    }

    /**
     * Commits the file with no collection write half done: H2 takes the commit's version while the gate is closed; on
     * a {@link VersionTakenFileStore} it opens again then, before the file is written, and the call returns once it is.
     */
    @Override
    public void commit() {
        synchronized (oneCommitAtATime) {
            if (!(getMvStore().getFileStore() instanceof VersionTakenFileStore file)) {
                gate().closedWhile(super::commit);
                return;
            }
            CountDownLatch versionTaken = new CountDownLatch(1);
            Future<?>[] written = new Future<?>[1];
            gate().closedWhile(() -> {
                file.onNextVersionTaken(versionTaken::countDown);
                written[0] = fileWriter.submit(() -> {
                    try {
                        super.commit();
                    } finally {
                        // also when there was nothing to write, or the commit failed before writing
                        file.onNextVersionTaken(null);
                        versionTaken.countDown();
                    }
                });
                awaitUninterruptibly(versionTaken);
            });
            awaitWritten(written[0]);
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                // the commit goes on whatever the caller does: its outcome is waited for, not abandoned
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitWritten(Future<?> written) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    written.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            fileWriter.shutdownNow();
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // called from the super constructor for existing databases, before a field of this class would be set
        return new Database(databaseName);
    }

    /**
     * An inner class on purpose: H2Database's constructor opens the existing indexes, before any field of a subclass
     * is set; the enclosing backend (set before the super constructor runs) is how this class reaches the store then.
     */
    final class Database extends H2Database {

        /** The library's private {@code H2Database.META_PREFIX} ({@code PinnedInternals} compares them). */
        static final String COLLECTION_META_PREFIX = "meta.";

        Database(String name) {
            super(name, SerializedKeyCachingH2Backend.this.getMvStore(), SerializedKeyCachingH2Backend.this.getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(collectionName);
            // the library's own map names (H2Database.DATABASES_PREFIX, META_PREFIX), so existing files open the same maps
            MVMap<Object, StoredDocument> documents = getMvStore().openMap(DATABASES_PREFIX + namespace,
                    new MVMap.Builder<Object, StoredDocument>().valueType(new StoredDocumentType()));
            MVMap<String, Object> meta = getMvStore().openMap(COLLECTION_META_PREFIX + namespace);
            return new StoredDocumentCollection(this, collectionName, options, documents, meta,
                    SerializedKeyCachingH2Backend.this.getCursorRegistry(), gate());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            MVMap<SerializedKey, Object> map = getMvStore().openMap(indexMapName(collectionName, indexName),
                    new MVMap.Builder<SerializedKey, Object>().keyType(new SerializedKeyType()));
            return new SerializedKeyIndex(map, indexName, keys, sparse);
        }

        /** The backend's own name (the private H2Database.mapNameForIndex), so existing files open the same map. */
        String indexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }
    }

    /** An index key with its Java-serialised form, which is how H2 orders and stores it. */
    static final class SerializedKey {
        private final KeyValue value;
        private final byte[] bytes;

        SerializedKey(KeyValue value, byte[] bytes) {
            this.value = value;
            this.bytes = bytes;
        }

        static SerializedKey of(KeyValue value) {
            return new SerializedKey(value, KeyBytes.of(value));
        }

        KeyValue value() {
            return value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SerializedKey key && Arrays.equals(bytes, key.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** The backend's unique index, speaking {@link SerializedKey}s to its map. */
    static final class SerializedKeyIndex extends H2UniqueIndex {
        private final MVMap<SerializedKey, Object> map;

        @SuppressWarnings({"unchecked", "rawtypes"})
        SerializedKeyIndex(MVMap<SerializedKey, Object> map, String name, List<IndexKey> keys, boolean sparse) {
            super((MVMap) map, name, keys, sparse);
            this.map = map;
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            return map.remove(SerializedKey.of(key));
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(SerializedKey.of(key), Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            return () -> {
                Iterator<Map.Entry<SerializedKey, Object>> entries = map.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public Map.Entry<KeyValue, Object> next() {
                        Map.Entry<SerializedKey, Object> entry = entries.next();
                        return new AbstractMap.SimpleImmutableEntry<>(entry.getKey().value(), entry.getValue());
                    }
                };
            };
        }

        @Override
        protected Object getPosition(KeyValue key) {
            return map.get(SerializedKey.of(key));
        }
    }

    /** H2's own key type for serialised objects, reading and writing the bytes a {@link SerializedKey} carries. */
    static final class SerializedKeyType extends BytesCarryingType {
        /** Object headers, the array and the key object, beside the bytes themselves. */
        private static final int OVERHEAD = 64;

        @Override
        byte[] bytesOf(Object value) {
            return value instanceof SerializedKey key ? key.bytes : null;
        }

        @Override
        Object carrying(Object deserialized, byte[] bytes) {
            return deserialized instanceof KeyValue key ? new SerializedKey(key, bytes) : deserialized;
        }

        /**
         * The memory H2 accounts for a key: it splits pages and sizes its page cache by this. H2's own estimate for a
         * serialised object is learnt from the objects it serialises, so without this it would stay at its initial
         * 10,000 bytes here, leaving a handful of keys per page and a cache of a few thousand keys.
         */
        @Override
        public int getMemory(Object obj) {
            return obj instanceof SerializedKey key ? OVERHEAD + 2 * key.bytes.length : super.getMemory(obj);
        }
    }
}
