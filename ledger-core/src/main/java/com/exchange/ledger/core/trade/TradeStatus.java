package com.exchange.ledger.core.trade;

/**
 * REQUESTED until the seller's amount is locked (OPEN) or cannot be (REFUSED); an open trade is COMPLETED (the
 * buyer gets the amount less the fee), CANCELLED, or EXPIRED (cancelled by the ledger at its expiry), once.
 */
public enum TradeStatus {
    REQUESTED, OPEN, REFUSED, COMPLETED, CANCELLED, EXPIRED;

    public boolean isFinal() {
        return this != REQUESTED && this != OPEN;
    }
}
