package com.exchange.ledger.projections.eventstore;

import org.axonframework.eventsourcing.eventstore.EventStoreException;

/** An append was refused because the aggregate already has an event with the same operation key. */
public class DuplicateOperationKeyException extends EventStoreException {

    public DuplicateOperationKeyException(String aggregateIdentifier, String operationKey) {
        super("operation " + operationKey + " is already recorded on " + aggregateIdentifier);
    }
}
