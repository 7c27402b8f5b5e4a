/**
 * Operating the ledger: its own meters (commands, appends, processor lag, open holds, flows, the reconciliation),
 * health that means something (readiness down while the store is unreachable or a read model lags), the scheduled
 * reconciliation that feeds both, and every command's log line with its operation id, account and outcome.
 * Axon's own meters come from axon-micrometer; everything here is named {@code ledger.*}.
 */
package com.exchange.ledger.api.operations;
