package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * H2's own value type for a collection's documents, writing and reading the bytes a {@link StoredDocument} carries in
 * exactly the form H2 writes a Java-serialised object (its tag, a var-int length, the bytes), so files written before
 * and after read the same. Values of any other class (none are expected) go through H2's own type.
 */
final class StoredDocumentType extends ObjectDataType {

    /** Object headers and the document's own objects beside its bytes: the document is held twice, as objects and bytes. */
    private static final int OVERHEAD = 64;

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof StoredDocument x && b instanceof StoredDocument y) {
            // what ObjectDataType does for two objects of the same non-Comparable class
            return x == y ? 0 : ObjectDataType.compareNotNull(x.bytes(), y.bytes());
        }
        return super.compare(a, b);
    }

    /** The memory H2 accounts for a document (page splits, the page cache): its bytes and its objects, about twice as many. */
    @Override
    public int getMemory(Object obj) {
        return obj instanceof StoredDocument stored ? OVERHEAD + 3 * stored.bytes().length : super.getMemory(obj);
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (obj instanceof StoredDocument stored) {
            byte[] bytes = stored.bytes();
            buff.put((byte) SerializedKeyCachingH2Backend.SerializedKeyType.SERIALIZED_OBJECT).putVarInt(bytes.length).put(bytes);
            return;
        }
        super.write(buff, obj);
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != SerializedKeyCachingH2Backend.SerializedKeyType.SERIALIZED_OBJECT) {
            return super.read(buff);
        }
        buff.get();
        byte[] bytes = new byte[DataUtils.readVarInt(buff)];
        buff.get(bytes);
        Object value = ObjectDataType.deserialize(bytes);
        return value instanceof Document document ? new StoredDocument(document, bytes) : value;
    }
}
