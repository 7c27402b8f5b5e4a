package com.exchange.ledger.projections.eventstore;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The head as far as a tracking read needs it, read from the store only when nothing known is ahead of the reader.
 * <p>
 * A tracking read reads the ids from its token up to the head, so it used to read the counter before each fetch: 0.32
 * store commands per transfer at 64 clients, the largest item left (docs/benchmarks.md), half of them for the fetch
 * that finds nothing after a full one. But every index up to the highest this process was handed is allocated (the
 * counter is shared), and every index up to a head read before is too: a reader behind either needs no read. Only a
 * reader at the known head asks the store, at most once per {@code maxAge}: what another instance appended since is
 * seen then, or as soon as this instance appends again (its allocation lies beyond), which bounds how late another
 * instance's events are seen by {@code maxAge} plus the processors' wait, as the event wait bounds it already.
 */
final class KnownHead {

    private final LongSupplier allocatedHere;
    private final LongSupplier storedHead;
    private final long maxAgeNanos;
    private volatile long lastStoredHead;
    private volatile long lastReadAt;
    private volatile boolean readOnce;

    KnownHead(LongSupplier allocatedHere, LongSupplier storedHead, Duration maxAge) {
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("the stored head's age must not be negative: " + maxAge);
        }
        this.allocatedHere = allocatedHere;
        this.storedHead = storedHead;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /**
     * A head for a read from {@code from} on: the highest index known allocated, read from the store when that is below
     * {@code from} and the last read is older than the maximum age (so a reader at the head costs one read per age).
     */
    long atLeast(long from) {
        long known = Math.max(allocatedHere.getAsLong(), lastStoredHead);
        if (from <= known) {
            return known;
        }
        long now = System.nanoTime();
        if (readOnce && now - lastReadAt < maxAgeNanos) {
            return known;
        }
        long stored = storedHead.getAsLong();
        lastStoredHead = Math.max(lastStoredHead, stored);
        lastReadAt = now;
        readOnce = true;
        return Math.max(known, stored);
    }
}
