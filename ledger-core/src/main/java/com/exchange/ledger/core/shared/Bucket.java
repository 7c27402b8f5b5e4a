package com.exchange.ledger.core.shared;

/** Where in an account a posting lands. Wallet accounts have three buckets; a system account has one. */
public enum Bucket {
    AVAILABLE, LOCKED, SAVINGS, BALANCE
}
