package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.bson.Document;

/** H2's value type for a collection's documents: each a {@link StoredDocument}, written as the bytes it carries. */
final class StoredDocumentType extends BytesCarryingType {

    /** Object headers and the document's own objects beside its bytes: the document is held twice, as objects and bytes. */
    private static final int OVERHEAD = 64;

    @Override
    byte[] bytesOf(Object value) {
        return value instanceof StoredDocument stored ? stored.bytes() : null;
    }

    @Override
    Object carrying(Object deserialized, byte[] bytes) {
        return deserialized instanceof Document document ? new StoredDocument(document, bytes) : deserialized;
    }

    /** The memory H2 accounts for a document (page splits, the page cache): its bytes and its objects, about twice as many. */
    @Override
    public int getMemory(Object obj) {
        return obj instanceof StoredDocument stored ? OVERHEAD + 3 * stored.bytes().length : super.getMemory(obj);
    }
}
