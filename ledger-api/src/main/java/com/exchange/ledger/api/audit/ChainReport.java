package com.exchange.ledger.api.audit;

import com.exchange.ledger.projections.chain.ChainVerification;
import com.exchange.ledger.projections.chain.Checkpoint;

import java.time.Instant;

/**
 * The auditor's answer about the event log's hash chain: whether it holds, how far it was proved (sealed) and checked,
 * the first break if any, and the latest checkpoint (position, chain value, time) to export and sign.
 */
record ChainReport(boolean intact, long startPosition, long sealedPosition, long checkedPosition, long documentsChecked,
                   long checkpointsChecked, Break firstBreak, LatestCheckpoint latestCheckpoint) {

    record Break(long position, String kind, String detail) {
    }

    record LatestCheckpoint(long position, String chain, Instant sealedAt) {
    }

    static ChainReport of(ChainVerification verification, Checkpoint latest) {
        return new ChainReport(verification.intact(), verification.startPosition(), verification.sealedPosition(),
                verification.checkedPosition(), verification.documentsChecked(), verification.checkpointsChecked(),
                verification.firstBreak().map(b -> new Break(b.position(), b.kind().name().toLowerCase(java.util.Locale.ROOT), b.detail()))
                        .orElse(null),
                latest == null ? null : new LatestCheckpoint(latest.position(), latest.chainHex(), latest.sealedAt()));
    }
}
