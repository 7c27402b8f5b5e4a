package com.exchange.ledger.core.process;

import java.util.Map;

/**
 * A key that may be held by one owner across the whole ledger, taken by the one event a command appends (ADR 0021):
 * a client's operation, hold or transfer id (owner: the account that used it first), or the settlement of a transfer
 * (owner: the account whose leg settled it, the recipient's receipt or the sender's return, never both). The event
 * store writes the claim with the event; an append whose key another owner holds is refused with
 * {@link IdClaimTakenException}, and the same owner's claim lets its append through (a retry, a repeat).
 */
public record IdClaim(String key, String owner) {

    /** Meta-data key of the claimed key, carried by the command and its event. */
    public static final String KEY = "idClaim";
    /** Meta-data key of the owner. */
    public static final String OWNER = "idClaimOwner";
    /** A limit on everything: the claim is a unique key of the store. */
    public static final int MAX_LENGTH = 400;

    public IdClaim {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH || owner == null || owner.isEmpty() || owner.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an id claim needs a key and an owner of 1-" + MAX_LENGTH + " characters, got "
                    + key + " and " + owner);
        }
    }

    /** The command's meta-data that asks for this claim. */
    public Map<String, String> metaData() {
        return Map.of(KEY, key, OWNER, owner);
    }
}
