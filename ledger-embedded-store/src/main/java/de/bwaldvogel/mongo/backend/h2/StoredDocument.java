package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.type.ObjectDataType;

/**
 * A document as a collection's data map holds it: with the bytes H2 writes for it, taken when it was put.
 * <p>
 * The library updates a stored document in place (it mutates the instance the map holds, then puts it again), and H2
 * writes a page by serialising its values when it commits. So a commit that runs while writes go on would write what a
 * document is by then, not what it was when the commit's version was taken: a document ahead of its index keys, the
 * kill -9 defect of ADR 0017 again. Bytes taken at the put are that version's document whatever happens to the
 * instance later, which is what lets {@link SerializedKeyCachingH2Backend#commit} release the collections before the
 * file is written. It also serialises each document once per change, where H2 re-serialised every document of a changed
 * page at every commit.
 */
final class StoredDocument {

    private final Document document;
    private final byte[] bytes;

    StoredDocument(Document document, byte[] bytes) {
        this.document = document;
        this.bytes = bytes;
    }

    /** The document as it is now, with its bytes as H2 would serialise it ({@code ObjectDataType.serialize}). */
    static StoredDocument of(Document document) {
        return new StoredDocument(document, ObjectDataType.serialize(document));
    }

    Document document() {
        return document;
    }

    byte[] bytes() {
        return bytes;
    }
}
