package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.util.stream.Stream;

/**
 * One snapshot per aggregate, keyed by its id and replaced in place: a collection of its own, since a snapshot has
 * no global position and takes no part in the unique keys or the hash chain of the events.
 */
final class SnapshotStore {

    private final MongoCollection<Document> snapshots;
    private final EventDocuments documents;

    SnapshotStore(MongoCollection<Document> snapshots, EventDocuments documents) {
        this.snapshots = snapshots;
        this.documents = documents;
    }

    Stream<? extends DomainEventData<?>> read(String aggregateIdentifier) {
        Document snapshot = snapshots.find(Filters.eq("_id", aggregateIdentifier)).first();
        return snapshot == null ? Stream.empty() : Stream.of(EventDocuments.toEventData(snapshot));
    }

    void store(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document document = documents.toDocument(snapshot, serializer)
                .append("metaData", snapshot.serializeMetaData(serializer, String.class).getData());
        document.remove("streamKey");
        document.remove("operationKey");
        snapshots.replaceOne(Filters.eq("_id", snapshot.getAggregateIdentifier()), document.append("_id", snapshot.getAggregateIdentifier()),
                new ReplaceOptions().upsert(true));
    }
}
