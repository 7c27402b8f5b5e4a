/**
 * The {@code wallet_transactions} view: one document per movement of a wallet, with the balances after it, written a
 * processor batch at a time.
 */
package com.exchange.ledger.projections.transactions;
