package com.exchange.ledger.core.expressbuy;

/** REQUESTED until the crypto is credited (COMPLETED) or the credit is refused (REFUSED). */
public enum ExpressBuyStatus {
    REQUESTED, COMPLETED, REFUSED
}
