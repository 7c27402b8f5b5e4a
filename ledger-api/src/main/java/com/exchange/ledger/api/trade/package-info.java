/**
 * P2P trades: the seller's amount in escrow, completed to the buyer less the fee, cancelled, or expired by the ledger
 * itself.
 */
package com.exchange.ledger.api.trade;
