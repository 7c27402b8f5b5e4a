package com.exchange.ledger.projections.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.util.function.Function;

/**
 * The stored shape of an event, a tombstone and a snapshot, in one place: what the writers store is exactly what the
 * readers and the hash chain ({@link EventHash}) read back, so the field names and keys are defined once.
 */
final class EventDocuments {

    static final String TOMBSTONE = "tombstone";

    private final Function<EventMessage<?>, String> operationKeyOf;

    EventDocuments(Function<EventMessage<?>, String> operationKeyOf) {
        this.operationKeyOf = operationKeyOf;
    }

    Document toDocument(EventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        String aggregateIdentifier;
        String type;
        long sequenceNumber;
        if (event instanceof DomainEventMessage<?> domainEvent && domainEvent.getAggregateIdentifier() != null) {
            aggregateIdentifier = domainEvent.getAggregateIdentifier();
            type = domainEvent.getType();
            sequenceNumber = domainEvent.getSequenceNumber();
        } else {
            aggregateIdentifier = event.getIdentifier();
            type = null;
            sequenceNumber = 0;
        }
        String operationKey = operationKeyOf.apply(event);
        return new Document("aggregateIdentifier", aggregateIdentifier)
                .append("type", type)
                .append("sequenceNumber", sequenceNumber)
                .append("streamKey", streamKey(aggregateIdentifier, sequenceNumber))
                .append("operationKey", operationKey == null ? "event:" + event.getIdentifier() : operationKey(aggregateIdentifier, operationKey))
                .append("eventIdentifier", event.getIdentifier())
                .append("timestamp", DateTimeUtils.formatInstant(event.getTimestamp()))
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData());
    }

    static GenericDomainEventEntry<String> toEventData(Document document) {
        String aggregateIdentifier = document.getString("aggregateIdentifier");
        String eventIdentifier = document.getString("eventIdentifier");
        return new GenericDomainEventEntry<>(
                document.getString("type"),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                longOf(document, "sequenceNumber"),
                eventIdentifier,
                document.getString("timestamp"),
                document.getString("payloadType"),
                document.getString("payloadRevision"),
                document.getString("payload"),
                document.getString("metaData"));
    }

    /** The document that closes an index no event will ever take. */
    static Document tombstoneDocument(long index) {
        return new Document("_id", index).append(TOMBSTONE, true)
                .append("streamKey", TOMBSTONE + "#" + index).append("operationKey", TOMBSTONE + "#" + index);
    }

    static String streamKey(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + "#" + sequenceNumber;
    }

    static String operationKey(String aggregateIdentifier, String operationKey) {
        return aggregateIdentifier + "|" + operationKey;
    }

    /** A stored number as a long, whether the store kept it as Int32 or Int64. */
    static long longOf(Document document, String field) {
        return ((Number) document.get(field)).longValue();
    }

    static long idOf(Document document) {
        return longOf(document, "_id");
    }

    /** A document's size as the group limit counts it: its strings plus a fixed allowance for the rest. */
    static long estimatedBytes(Document document) {
        long bytes = 256; // field names, numbers, the meta-data added by the leader
        for (Object value : document.values()) {
            if (value instanceof String string) {
                bytes += string.length();
            }
        }
        return bytes;
    }
}
