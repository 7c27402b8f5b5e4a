/**
 * The {@code wallets} view of docs/design.md: one document per (user, currency) with its balances, the legacy
 * collections' replacement.
 */
package com.exchange.ledger.projections.wallets;
