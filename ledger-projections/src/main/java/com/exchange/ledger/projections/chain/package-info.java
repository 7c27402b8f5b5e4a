/**
 * The tamper-evident event log (docs/adr/0013-tamper-evident-log.md): a sealer that chains the stored events' hashes
 * in global order into checkpoints, behind the appenders so appends stay parallel, and the verifier an auditor runs to
 * recompute the chain and name the first position where it breaks.
 */
package com.exchange.ledger.projections.chain;
