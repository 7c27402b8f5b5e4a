package de.bwaldvogel.mongo.backend.h2;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.util.List;

/**
 * mongo-java-server's H2 backend with one change: the keys of unique indexes are compared without serialising them
 * again on every comparison.
 * <p>
 * The backend keeps a unique index as an H2 map whose keys ({@link KeyValue}) H2 orders by their Java-serialised
 * bytes, and H2 serialises both keys anew for every comparison: a look-up in an index of a million keys serialises
 * some forty objects, which made secondary unique indexes (the event store's stream and operation keys, the
 * wallets' user and currency) the store's main cost (measured: 70 % of the server's CPU during the migration).
 * Here each key's bytes are computed once while the key object lives (a cache with weak, identity-compared keys),
 * compared exactly as H2 compares them and written exactly as H2 writes them, so the order and the file format, and
 * therefore every existing data file, stay the same.
 * <p>
 * In H2's package only because the index class's constructor is package-private.
 */
public class SerializedKeyCachingH2Backend extends H2Backend {

    public SerializedKeyCachingH2Backend(MVStore store) {
        super(store);
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
    private final class Database extends H2Database {

        Database(String name) {
            super(name, SerializedKeyCachingH2Backend.this.getMvStore(), SerializedKeyCachingH2Backend.this.getCursorRegistry());
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            // the map name is the backend's own (H2Database.mapNameForIndex), so existing files open the same map
            MVMap<KeyValue, Object> map = getMvStore().openMap(getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                    new MVMap.Builder<KeyValue, Object>().keyType(new CachingKeyType()));
            return new H2UniqueIndex(map, indexName, keys, sparse);
        }
    }

    /** H2's own key type, with the serialised form of index keys remembered per key object. */
    static final class CachingKeyType extends ObjectDataType {
        /** H2's tag of a Java-serialised object ({@code ObjectDataType.TYPE_SERIALIZED_OBJECT}, package-private there). */
        private static final int SERIALIZED_OBJECT = 19;

        private final Cache<Object, byte[]> serialized = Caffeine.newBuilder().weakKeys().maximumSize(2_000_000).build();

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue && b instanceof KeyValue) {
                // what ObjectDataType does for two objects of the same non-Comparable class, with the bytes cached
                return a == b ? 0 : ObjectDataType.compareNotNull(bytes(a), bytes(b));
            }
            return super.compare(a, b);
        }

        /**
         * Pages are written with every commit; a page of index keys is written as H2 writes it (the same bytes),
         * from the remembered serialisation instead of serialising every key of the page again.
         */
        @Override
        public void write(WriteBuffer buff, Object obj) {
            if (obj instanceof KeyValue) {
                byte[] data = bytes(obj);
                buff.put((byte) SERIALIZED_OBJECT).putVarInt(data.length).put(data);
                return;
            }
            super.write(buff, obj);
        }

        private byte[] bytes(Object key) {
            return serialized.get(key, ObjectDataType::serialize);
        }
    }
}
