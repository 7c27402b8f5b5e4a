/**
 * Builds, publishes and keeps the per-currency Merkle sum trees of proof of liabilities (docs/adr/0015): the user
 * totals of the {@code wallets} view brought to one position of the event stream, the published roots
 * ({@code liabilities_roots}) and each tree's leaves ({@code liabilities_leaves}), from which a user's proof is read.
 */
package com.exchange.ledger.projections.liabilities;
