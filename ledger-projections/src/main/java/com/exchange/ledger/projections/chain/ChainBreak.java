package com.exchange.ledger.projections.chain;

/** The first position where the event log no longer matches its chain, what was found there, and in words. */
public record ChainBreak(long position, Kind kind, String detail) {

    public enum Kind {
        /** The document at the position holds other content than was sealed (or than its own hash says). */
        CHANGED,
        /** The document at the position holds the content sealed for another position: events were reordered. */
        MOVED,
        /** A sealed position holds nothing any more. */
        DELETED,
        /** An event stands where a tombstone was sealed, or above the highest position ever allocated. */
        INSERTED,
        /** A document carries a field no event or tombstone has. */
        UNEXPECTED_FIELD,
        /** A checkpoint does not chain to the one before it, or its hashes do not give its chain value. */
        CHECKPOINT_ALTERED,
        /** The checkpoint to start from, or one between two others, is not there. */
        CHECKPOINT_MISSING
    }
}
