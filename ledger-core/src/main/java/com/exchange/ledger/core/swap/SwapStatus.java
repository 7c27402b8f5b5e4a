package com.exchange.ledger.core.swap;

/**
 * REQUESTED until the sold side is locked (FUNDED) or cannot be (REFUSED); a funded swap is COMPLETED once the bought
 * side is credited and the sold side released, or REFUSED (its lock given back) if the credit is refused.
 */
public enum SwapStatus {
    REQUESTED, FUNDED, COMPLETED, REFUSED
}
