/**
 * Read models of the product flows (withdrawals, P2P trades, swaps, express buys, deposits) and the referral book
 * the commission policy keeps.
 */
package com.exchange.ledger.projections.flows;
