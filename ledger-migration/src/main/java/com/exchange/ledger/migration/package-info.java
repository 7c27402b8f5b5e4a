/**
 * The go-live migration: the four legacy balance collections read once ({@code legacy}), every accepted row
 * appended as a {@code BalanceMigrated} seed event ({@code seed}), the {@code wallets} view written from the same
 * fold and verified against the legacy totals with the deployment plan's queries ({@code verify}). Owns nothing in
 * the ledger but those events, {@code wallets} documents of migrated accounts, and {@code migration_rejects}.
 * See ADR 0009 and docs/runbook.md.
 */
package com.exchange.ledger.migration;
