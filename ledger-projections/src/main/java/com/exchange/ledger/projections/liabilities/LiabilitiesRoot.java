package com.exchange.ledger.projections.liabilities;

import java.time.Instant;

/**
 * A published root: the tree's id, the position of the event stream whose user totals it sums, when it was built,
 * its hash and total (an exact decimal string), its leaves, and how many accounts were left out for being negative
 * (a user who owes the exchange does not lower its liabilities; each one is for the auditor to look at).
 */
public record LiabilitiesRoot(String treeId, String currency, int decimals, long position, Instant builtAt,
                              String rootHash, String total, long leafCount, long negativeAccountsExcluded) {
}
