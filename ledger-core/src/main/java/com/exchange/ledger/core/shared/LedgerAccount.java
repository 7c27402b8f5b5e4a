package com.exchange.ledger.core.shared;

/** Anything that holds a balance in the ledger: a user's wallet account or a system account. */
public sealed interface LedgerAccount permits AccountId, SystemAccount {

    /** The stable text form used in events, projections and reports. */
    String key();
}
