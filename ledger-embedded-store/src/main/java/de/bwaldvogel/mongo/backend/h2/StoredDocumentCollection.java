package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.Assert;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import org.h2.mvstore.MVMap;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The library's H2 collection over a data map of {@link StoredDocument}s, whose writes pass the store's
 * {@link WriteGate}: every method of {@link H2Collection} that touches the data map, doing the same with the document
 * inside each value, and every write of the library's collection, passing the gate around it. The map handed to the super constructor
 * is the same map; the super class's own uses of it are all overridden here ({@code PinnedInternals} checks they
 * still exist).
 */
final class StoredDocumentCollection extends H2Collection {

    private final MVMap<Object, StoredDocument> documents;
    private final WriteGate gate;

    @SuppressWarnings({"unchecked", "rawtypes"})
    StoredDocumentCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                             MVMap<Object, StoredDocument> documents, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry,
                             WriteGate gate) {
        super(database, collectionName, options, (MVMap) documents, metaMap, cursorRegistry);
        this.documents = documents;
        this.gate = gate;
    }

    // every write the library offers passes the gate, so a commit never takes its version with one half done

    @Override
    public void addDocument(Document document) {
        gate.pass(() -> super.addDocument(document));
    }

    @Override
    public void addDocuments(Stream<Document> documents) {
        gate.pass(() -> super.addDocuments(documents));
    }

    @Override
    public Document findAndModify(Document query) {
        return gate.pass(() -> super.findAndModify(query));
    }

    @Override
    public List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
        return gate.pass(() -> super.insertDocuments(documents, isOrdered));
    }

    @Override
    public int deleteDocuments(Document selector, int limit, Oplog oplog) {
        return gate.pass(() -> super.deleteDocuments(selector, limit, oplog));
    }

    @Override
    public Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters, boolean isMulti,
                                    boolean isUpsert, Oplog oplog) {
        return gate.pass(() -> super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog));
    }

    @Override
    public void removeDocument(Document document) {
        gate.pass(() -> super.removeDocument(document));
    }

    @Override
    public void renameTo(MongoDatabase newDatabase, String newCollectionName) {
        gate.pass(() -> super.renameTo(newDatabase, newCollectionName));
    }

    @Override
    public void addIndex(Index<Object> index) {
        gate.pass(() -> super.addIndex(index));
    }

    @Override
    public void dropIndex(String indexName) {
        gate.pass(() -> super.dropIndex(indexName));
    }

    @Override
    public void drop() {
        gate.pass(super::drop);
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        StoredDocument previous = documents.put(Missing.ofNullable(key), StoredDocument.of(document));
        Assert.isNull(previous, () -> "Document with key '" + key + "' already existed in " + this + ": " + previous.document());
        return key;
    }

    @Override
    public int count() {
        return documents.size();
    }

    @Override
    public boolean isEmpty() {
        return documents.isEmpty();
    }

    @Override
    protected Document getDocument(Object position) {
        StoredDocument stored = documents.get(position);
        return stored == null ? null : stored.document();
    }

    @Override
    protected void removeDocument(Object position) {
        if (documents.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return documents.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(entry.getValue().document(), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        Stream<Document> documentStream;
        if (isNaturalDescending(orderBy)) {
            documentStream = streamAllDocumentsWithPosition()
                    .sorted((o1, o2) -> ValueComparator.desc().compare(o1.getPosition(), o2.getPosition()))
                    .map(DocumentWithPosition::getDocument);
        } else {
            documentStream = documents.values().stream().map(StoredDocument::document);
        }
        return matchDocumentsFromStream(documentStream, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        documents.put(Missing.ofNullable(position), StoredDocument.of(newDocument));
    }
}
