/**
 * P2P trades (escrow): opening locks the seller's amount; completing moves it to the buyer less the fee; cancelling
 * unlocks it; a trade still open at its expiry is cancelled by the ledger itself (the API's expiry sweeper sends
 * {@link com.exchange.ledger.core.trade.TradeCommands.ExpireTrade}, driven by the trades read model, so the schedule
 * survives restarts).
 */
package com.exchange.ledger.core.trade;
