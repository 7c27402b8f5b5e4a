package com.exchange.ledger.projections.eventstore;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static com.exchange.ledger.projections.eventstore.EventDocuments.longOf;

/**
 * The tracking path's memory of missing indexes: how a token advances over gaps and tombstones, and when a gap has
 * been missing so long that its writer must be gone. Shared by every tracking reader of one engine, so a gap's age
 * is counted from when any of them first saw it missing.
 */
final class GapTracker {

    // the engine's logger, as before the split: log settings that name the engine keep covering this warning
    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    private final Duration gapTimeout;
    private final int maxGapOffset;
    /** When each index was first seen missing; a reader forgets a gap once it is older than the gap timeout. */
    private final Map<Long, Instant> missingSince = new ConcurrentHashMap<>();

    GapTracker(Duration gapTimeout, int maxGapOffset) {
        this.gapTimeout = gapTimeout;
        this.maxGapOffset = maxGapOffset;
    }

    GapAwareTrackingToken advance(GapAwareTrackingToken previous, long index, Instant timestamp, List<Long> tombstones) {
        // An event older than the gap timeout proves that every index below it is final (as Axon's JDBC engine does).
        boolean allowGaps = timestamp.isAfter(GenericEventMessage.clock.instant().minus(gapTimeout));
        GapAwareTrackingToken next;
        if (previous == null) {
            SortedSet<Long> gaps = new TreeSet<>();
            if (allowGaps) {
                for (long below = Math.max(1, index - maxGapOffset); below < index; below++) {
                    gaps.add(below);
                }
            }
            next = GapAwareTrackingToken.newInstance(index, gaps);
        } else {
            next = previous.advanceTo(index, allowGaps ? maxGapOffset : 0);
        }
        for (Long tombstone : tombstones) {
            if (next.getGaps().contains(tombstone)) {
                next = next.advanceTo(tombstone, maxGapOffset);
            }
        }
        tombstones.clear();
        return next;
    }

    void noteMissing(List<Long> asked, List<Document> found) {
        Instant now = GenericEventMessage.clock.instant();
        TreeSet<Long> present = new TreeSet<>();
        found.forEach(d -> present.add(longOf(d, "_id")));
        for (Long index : asked) {
            if (present.contains(index)) {
                missingSince.remove(index);
            } else {
                missingSince.putIfAbsent(index, now);
            }
        }
    }

    /** Drops gaps that have been missing longer than the gap timeout: their writer is gone. */
    GapAwareTrackingToken forgetOldGaps(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty()) {
            return token;
        }
        Instant deadline = GenericEventMessage.clock.instant().minus(gapTimeout);
        SortedSet<Long> kept = new TreeSet<>();
        for (Long gap : token.getGaps()) {
            Instant since = missingSince.get(gap);
            if (since == null || since.isAfter(deadline)) {
                kept.add(gap);
            } else {
                log.warn("event index {} has been missing since {}; treating it as never written", gap, since);
                missingSince.remove(gap);
            }
        }
        return kept.size() == token.getGaps().size() ? token : GapAwareTrackingToken.newInstance(token.getIndex(), kept);
    }
}
