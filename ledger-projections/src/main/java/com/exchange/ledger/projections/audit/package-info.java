/**
 * The auditor's replay: the ledger folded from its events alone, and the reconciliation of that fold with the read
 * models (zero sum per currency, negatives, stuck holds, parked events).
 */
package com.exchange.ledger.projections.audit;
