package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventData;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static com.exchange.ledger.projections.eventstore.EventDocuments.longOf;
import static com.exchange.ledger.projections.eventstore.EventDocuments.operationKey;
import static com.exchange.ledger.projections.eventstore.EventDocuments.streamKey;

/**
 * Reads one aggregate's events by its unique keys only (stream positions, operation keys): point and {@code $in}
 * look-ups, never a range, so loading an aggregate costs the same at any store size (ADR 0002).
 */
final class AggregateEventReader {

    private final MongoCollection<Document> events;

    AggregateEventReader(MongoCollection<Document> events) {
        this.events = events;
    }

    List<? extends DomainEventData<?>> fetch(String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        List<String> keys = new ArrayList<>(batchSize);
        for (long sequence = firstSequenceNumber; sequence < firstSequenceNumber + batchSize; sequence++) {
            keys.add(streamKey(aggregateIdentifier, sequence));
        }
        List<Document> found = events.find(Filters.in("streamKey", keys)).into(new ArrayList<>());
        found.sort(Comparator.comparingLong(d -> longOf(d, "sequenceNumber")));
        List<DomainEventData<?>> result = new ArrayList<>(found.size());
        long expected = firstSequenceNumber;
        for (Document document : found) {
            if (longOf(document, "sequenceNumber") != expected++) {
                break; // an aggregate stream has no holes; never hand out events past one
            }
            result.add(EventDocuments.toEventData(document));
        }
        return result;
    }

    Optional<DomainEventData<?>> findByOperationKey(String aggregateIdentifier, String operationKey) {
        Document found = events.find(Filters.eq("operationKey", operationKey(aggregateIdentifier, operationKey))).first();
        return Optional.ofNullable(found).map(EventDocuments::toEventData);
    }
}
