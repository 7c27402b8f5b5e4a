package com.exchange.ledger.projections.chain;

import java.util.Optional;

/**
 * The outcome of one verification: it started after {@code startPosition} (a checkpoint's, or the genesis), proved the
 * chain through {@code sealedPosition}, checked each event's own hash through {@code checkedPosition} (the unsealed
 * tail has no chain yet), and found {@code firstBreak}, or nothing.
 */
public record ChainVerification(long startPosition, long sealedPosition, long checkedPosition, long documentsChecked,
                                long checkpointsChecked, Optional<ChainBreak> firstBreak) {

    public boolean intact() {
        return firstBreak.isEmpty();
    }
}
