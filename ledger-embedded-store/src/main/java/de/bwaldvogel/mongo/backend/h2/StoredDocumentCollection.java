package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Assert;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The library's H2 collection over a data map of {@link StoredDocument}s: every method of {@link H2Collection} that
 * touches the data map, doing the same with the document inside each value. The map handed to the super constructor
 * is the same map; the super class's own uses of it are all overridden here ({@code PinnedInternals} checks they
 * still exist).
 */
final class StoredDocumentCollection extends H2Collection {

    private final MVMap<Object, StoredDocument> documents;

    @SuppressWarnings({"unchecked", "rawtypes"})
    StoredDocumentCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                             MVMap<Object, StoredDocument> documents, MVMap<String, Object> metaMap, CursorRegistry cursorRegistry) {
        super(database, collectionName, options, (MVMap) documents, metaMap, cursorRegistry);
        this.documents = documents;
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
