/**
 * Read models of the product flows and the referral book the commission policy keeps. The {@code flows} view is one
 * unit ({@link com.exchange.ledger.projections.flows.FlowsProjection}: one processing group, one end-of-batch write,
 * one rebuild) of five views, one per flow and collection (withdrawals, P2P trades, swaps, express buys, deposits),
 * each on the small base {@code FlowView}; {@link com.exchange.ledger.projections.flows.FlowQueries} reads them.
 */
package com.exchange.ledger.projections.flows;
