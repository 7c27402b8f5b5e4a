package com.exchange.ledger.core.process;

/**
 * An append was refused because the key its event claims ({@link IdClaim}) is held by another owner or carries a
 * recorded refusal. Nothing of the append was written: for a client's id the caller reads the claim to say which; for
 * a transfer's settlement it means the other leg settled it.
 */
public class IdClaimTakenException extends RuntimeException {

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
