package com.exchange.ledger.core.liabilities;

import java.time.Instant;
import java.util.List;

/**
 * One user's inclusion proof, as served and as the verifier reads it. Amounts are exact decimal strings in the
 * currency ({@code decimals} places at most); hashes and the salt are lower-case hex. Nothing in it names another
 * user: a sibling is a hash and a sum.
 */
public record LiabilityProof(String treeId, String currency, int decimals, long position, Instant builtAt,
                             String rootHash, String total, long leafCount, String userId, String salt,
                             String commitment, String balance, long leafIndex, List<Step> path) {

    /** A sibling: {@code side} is {@code left} or {@code right} of the node climbed from. */
    public record Step(String side, String hash, String sum) {
    }
}
