package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongSupplier;

import static com.exchange.ledger.projections.eventstore.EventDocuments.TOMBSTONE;
import static com.exchange.ledger.projections.eventstore.EventDocuments.longOf;

/**
 * The global stream as tracking processors and the hash chain read it: by position, majority-committed only, a
 * window of {@code _id $in} look-ups at a time, with the gaps kept by the {@link GapTracker}. Its tokens are
 * Axon's {@link GapAwareTrackingToken}.
 */
final class TrackedEventReader {

    /** The events as the tracking path reads them: majority-committed only (docs/store-differences.md). */
    private final MongoCollection<Document> trackingEvents;
    /** The engine's head, so a reader sees the head exactly as the engine's callers do. */
    private final LongSupplier head;
    private final KnownHead knownHead;
    private final GapTracker gaps;
    private final int trackingWindow;

    TrackedEventReader(MongoCollection<Document> trackingEvents, LongSupplier head, KnownHead knownHead, GapTracker gaps,
                       int trackingWindow) {
        this.trackingEvents = trackingEvents;
        this.head = head;
        this.knownHead = knownHead;
        this.gaps = gaps;
        this.trackingWindow = trackingWindow;
    }

    List<? extends TrackedEventData<?>> fetch(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = gaps.forgetOldGaps((GapAwareTrackingToken) lastToken);
        long from = (token == null ? 0 : token.getIndex()) + 1;
        long head = knownHead.atLeast(from);
        List<Long> ids = new ArrayList<>(token == null ? List.of() : token.getGaps());
        // Axon asks for its aggregate batch size; a tracking read is worth a bigger batch (same cost per query).
        int window = trackingWindow;
        batchSize = Math.max(batchSize, trackingWindow);
        List<TrackedEventData<?>> result = new ArrayList<>();
        while (true) {
            long to = Math.min(head, from + window - 1);
            for (long index = from; index <= to; index++) {
                ids.add(index);
            }
            if (ids.isEmpty()) {
                return result;
            }
            List<Document> found = trackingEvents.find(Filters.in("_id", ids)).into(new ArrayList<>());
            found.sort(Comparator.comparingLong(d -> longOf(d, "_id")));
            gaps.noteMissing(ids, found);
            GapAwareTrackingToken previous = token;
            List<Long> tombstones = new ArrayList<>();
            for (Document document : found) {
                long index = longOf(document, "_id");
                if (document.getBoolean(TOMBSTONE, false)) {
                    tombstones.add(index);
                    continue;
                }
                GenericDomainEventEntry<?> entry = EventDocuments.toEventData(document);
                previous = gaps.advance(previous, index, entry.getTimestamp(), tombstones);
                result.add(new TrackedDomainEventData<>(previous, entry));
                if (result.size() >= batchSize) {
                    return result;
                }
            }
            if (!result.isEmpty() || to >= head) {
                return result;
            }
            // A whole window of indexes with no event yet: look further, they stay gaps of the next event found.
            from = to + 1;
            ids.clear();
        }
    }

    /** See {@link MongoEventStorageEngine#storedDocuments(long, long)}. */
    List<Document> storedDocuments(long after, long upTo) {
        if (upTo - after > trackingWindow) {
            throw new IllegalArgumentException("at most " + trackingWindow + " positions at once, asked for " + (upTo - after));
        }
        List<Long> ids = new ArrayList<>();
        for (long index = after + 1; index <= upTo; index++) {
            ids.add(index);
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Document> found = trackingEvents.find(Filters.in("_id", ids)).into(new ArrayList<>());
        found.sort(Comparator.comparingLong(d -> longOf(d, "_id")));
        return found;
    }

    int readWindow() {
        return trackingWindow;
    }

    /** See {@link MongoEventStorageEngine#firstStoredAbove(long)}. */
    Optional<Long> firstStoredAbove(long position) {
        Document found = trackingEvents.find(Filters.gt("_id", position)).sort(new Document("_id", 1))
                .projection(new Document("_id", 1)).first();
        return Optional.ofNullable(found).map(d -> longOf(d, "_id"));
    }

    TrackingToken createHeadToken() {
        long head = this.head.getAsLong();
        if (head == 0) {
            return null;
        }
        // Indexes near the head may still be in flight: start with them as gaps so none is skipped.
        long from = Math.max(1, head - trackingWindow + 1);
        List<Long> ids = new ArrayList<>();
        for (long index = from; index <= head; index++) {
            ids.add(index);
        }
        TreeSet<Long> present = new TreeSet<>();
        trackingEvents.find(Filters.in("_id", ids)).projection(new Document("_id", 1))
                .forEach(d -> present.add(longOf(d, "_id")));
        long top = present.isEmpty() ? from - 1 : present.last();
        SortedSet<Long> gaps = new TreeSet<>();
        for (long index = from; index < top; index++) {
            if (!present.contains(index)) {
                gaps.add(index);
            }
        }
        return top <= 0 ? null : GapAwareTrackingToken.newInstance(top, gaps);
    }

    TrackingToken createTokenAt(Instant dateTime) {
        // Indexes are allocated in time order, so a binary search over them finds the position with point reads.
        long low = 1;
        long high = head.getAsLong();
        while (low <= high) {
            long middle = (low + high) >>> 1;
            Optional<Document> probe = firstEventFrom(middle, high);
            if (probe.isEmpty()) {
                high = middle - 1;
                continue;
            }
            Instant at = DateTimeUtils.parseInstant(probe.get().getString("timestamp"));
            if (at.isBefore(dateTime)) {
                low = longOf(probe.get(), "_id") + 1;
            } else {
                high = middle - 1;
            }
        }
        return low <= 1 ? null : GapAwareTrackingToken.newInstance(low - 1, new TreeSet<>());
    }

    private Optional<Document> firstEventFrom(long from, long to) {
        for (long start = from; start <= to; start += trackingWindow) {
            List<Long> ids = new ArrayList<>();
            for (long index = start; index <= Math.min(to, start + trackingWindow - 1); index++) {
                ids.add(index);
            }
            Optional<Document> first = trackingEvents.find(Filters.in("_id", ids)).into(new ArrayList<>()).stream()
                    .filter(d -> !d.getBoolean(TOMBSTONE, false))
                    .min(Comparator.comparingLong(d -> longOf(d, "_id")));
            if (first.isPresent()) {
                return first;
            }
        }
        return Optional.empty();
    }
}
