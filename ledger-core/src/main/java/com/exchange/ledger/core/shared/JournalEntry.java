package com.exchange.ledger.core.shared;

import java.math.BigDecimal;
import java.util.List;

/**
 * An event that moves money states all of its postings, and they add up to zero: double entry is a property of
 * every single event, so the per-currency sum over all accounts is zero at every point of the stream.
 */
public interface JournalEntry {

    List<Posting> postings();

    /** The check every implementation must pass; tests apply it to every event type. */
    static boolean isBalanced(JournalEntry entry) {
        return entry.postings().stream()
                .map(p -> p.delta().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .signum() == 0;
    }
}
