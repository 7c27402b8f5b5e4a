package com.exchange.ledger.core.process;

/**
 * The one tracking processor every product flow's settlement handlers run in (withdrawals, trades, swaps, deposits):
 * one token, one place where a decided flow's settlement is retried until it has been carried out (ADR 0008, 0019).
 * The name is stored with the processor's token, so it is part of the stored form: never rename it.
 */
public final class ProductFlows {

    public static final String PROCESSING_GROUP = "product-flows";

    private ProductFlows() {
    }
}
