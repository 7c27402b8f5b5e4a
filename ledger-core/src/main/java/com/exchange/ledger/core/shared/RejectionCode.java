package com.exchange.ledger.core.shared;

/**
 * Why the ledger refused a command, phrased as the rule that would have been broken. The names are stable:
 * the API maps each one to a problem+json {@code code} of the same name, and clients switch on them.
 */
public enum RejectionCode {
    INVALID_AMOUNT,
    UNKNOWN_CURRENCY,
    VALIDATION_FAILED,
    CURRENCY_MISMATCH,
    INSUFFICIENT_FUNDS,
    INSUFFICIENT_SAVINGS,
    BALANCE_LIMIT_EXCEEDED,
    HOLD_NOT_FOUND,
    HOLD_ALREADY_EXISTS,
    HOLD_ALREADY_SETTLED,
    TOO_MANY_OPEN_HOLDS,
    FEE_NOT_BELOW_AMOUNT,
    SAME_ACCOUNT,
    OPERATION_CONFLICT,
    /** The flow (withdrawal, trade, swap, order, payment) the request names does not exist. */
    NOT_FOUND,
    /** The withdrawal was already approved, rejected or refused: it settles once. */
    WITHDRAWAL_NOT_PENDING,
    /** The trade was already completed, cancelled or expired, or its expiry has passed. */
    TRADE_NOT_OPEN,
    /** A referral would make a user their own referrer. */
    SELF_REFERRAL
}
