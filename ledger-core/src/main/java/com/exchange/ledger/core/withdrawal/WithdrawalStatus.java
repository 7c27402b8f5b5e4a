package com.exchange.ledger.core.withdrawal;

/**
 * REQUESTED until the funds are locked (then PENDING, waiting for an admin) or refused (REFUSED: nothing was locked);
 * a pending withdrawal is APPROVED (the funds leave) or REJECTED (the funds return), once.
 */
public enum WithdrawalStatus {
    REQUESTED, PENDING, REFUSED, APPROVED, REJECTED;

    public boolean isFinal() {
        return this == REFUSED || this == APPROVED || this == REJECTED;
    }
}
