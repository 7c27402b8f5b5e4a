package com.exchange.ledger.projections.eventstore;

import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * An append was refused because the id its event claims is held by another owner or carries a recorded refusal
 * (see {@link IdClaims}). Nothing of the append was written; the caller reads the claim to say which.
 */
public class IdClaimTakenException extends EventStoreException {

    private final String claim;

    public IdClaimTakenException(String claim) {
        super("the id " + claim + " is already claimed");
        this.claim = claim;
    }

    /** The claimed key, e.g. {@code operation:dep-7}. */
    public String claim() {
        return claim;
    }
}
