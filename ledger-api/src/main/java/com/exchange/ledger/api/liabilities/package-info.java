/**
 * Proof of liabilities over HTTP (docs/adr/0015): the auditors publish a currency's root under {@code /api/audit}
 * (scope {@code ledger:audit}); a user reads their inclusion proof beside the other wallet reads (scope
 * {@code ledger:read}) and checks it with nothing but the proof and the published root.
 */
package com.exchange.ledger.api.liabilities;
