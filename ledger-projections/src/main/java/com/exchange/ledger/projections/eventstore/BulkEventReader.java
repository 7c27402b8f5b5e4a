package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import static com.exchange.ledger.projections.eventstore.EventDocuments.TOMBSTONE;
import static com.exchange.ledger.projections.eventstore.EventDocuments.longOf;

/**
 * The whole stream read for a rebuild (docs/adr/0020-bulk-rebuild.md): one cursor over {@code events} in position
 * order, large batches, only the fields a fold needs, no Axon message, token or unit of work per event. Payloads are
 * decoded on a small pool while the cursor reads on, and handed to the fold in position order.
 * <p>
 * Its token is what the tracking path would hold after the last event read: that event's position, with the
 * positions below it that held no document (neither event nor tombstone) kept as gaps, within the engine's gap
 * offset and unless that event is older than the gap timeout — the rules of {@link GapTracker#advance}.
 */
public final class BulkEventReader {

    /** A stored event as a fold sees it: its position, its aggregate (null for an event of none) and its payload. */
    public record StoredEvent(long position, String aggregateIdentifier, long sequenceNumber, Instant timestamp, Object payload) {
    }

    /**
     * @param events    events read (tombstones not counted), of every type
     * @param lastEvent the position of the last event read, 0 when there was none
     * @param token     the token from which a tracking processor goes on after them, null when there was no event
     */
    public record Result(long events, long lastEvent, TrackingToken token) {
    }

    /** Documents per cursor batch: one round trip for this many events. */
    static final int CURSOR_BATCH = 5_000;
    /** Documents per decoding task: large enough to amortize the hand-over, small enough to keep both cores busy. */
    static final int CHUNK = 1_000;
    /** Chunks read ahead of the fold: bounds the memory a fast cursor can fill. */
    private static final int CHUNKS_AHEAD = 8;
    private static final Bson FIELDS = Projections.include("_id", TOMBSTONE, "aggregateIdentifier", "eventIdentifier",
            "sequenceNumber", "timestamp", "payloadType", "payloadRevision", "payload");

    private final MongoCollection<Document> trackingEvents;
    private final Serializer serializer;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final int decodeThreads;
    /** The class of each stored type name and revision, resolved once per read instead of once per event. */
    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    BulkEventReader(MongoCollection<Document> trackingEvents, Serializer serializer, Duration gapTimeout, int maxGapOffset,
                    int decodeThreads) {
        if (decodeThreads < 1) {
            throw new IllegalArgumentException("at least one decoding thread, asked for " + decodeThreads);
        }
        this.trackingEvents = trackingEvents;
        this.serializer = serializer;
        this.gapTimeout = gapTimeout;
        this.maxGapOffset = maxGapOffset;
        this.decodeThreads = decodeThreads;
    }

    /**
     * Reads every stored event in position order and hands the fold, chunk by chunk and in that order, those whose
     * payload is a {@code payloadsOf}; the others are read but never decoded. {@code progress} hears the position
     * reached. A payload that cannot be decoded, or a fold that throws, ends the read with that exception.
     */
    public Result read(Class<?> payloadsOf, Consumer<List<StoredEvent>> fold, LongConsumer progress) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService decoders = Executors.newFixedThreadPool(decodeThreads, runnable -> {
            Thread thread = new Thread(runnable, "bulk-read-decode-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Deque<Future<List<StoredEvent>>> ahead = new ArrayDeque<>();
        Gaps gaps = new Gaps(maxGapOffset);
        long events = 0;
        long lastEvent = 0;
        String lastTimestamp = null;
        List<Document> chunk = new ArrayList<>(CHUNK);
        try (MongoCursor<Document> cursor = trackingEvents.find().sort(Sorts.ascending("_id")).projection(FIELDS)
                .batchSize(CURSOR_BATCH).iterator()) {
            while (cursor.hasNext()) {
                Document document = cursor.next();
                long position = longOf(document, "_id");
                gaps.saw(position);
                if (document.getBoolean(TOMBSTONE, false)) {
                    continue;
                }
                events++;
                lastEvent = position;
                lastTimestamp = document.getString("timestamp");
                chunk.add(document);
                if (chunk.size() == CHUNK) {
                    List<Document> full = chunk;
                    ahead.addLast(decoders.submit(() -> decode(full, payloadsOf)));
                    chunk = new ArrayList<>(CHUNK);
                    while (ahead.size() > CHUNKS_AHEAD) {
                        foldNext(ahead, fold, progress);
                    }
                }
            }
            if (!chunk.isEmpty()) {
                List<Document> rest = chunk;
                ahead.addLast(decoders.submit(() -> decode(rest, payloadsOf)));
            }
            while (!ahead.isEmpty()) {
                foldNext(ahead, fold, progress);
            }
        } finally {
            ahead.forEach(future -> future.cancel(true));
            decoders.shutdownNow();
        }
        return new Result(events, lastEvent, lastEvent == 0 ? null : token(lastEvent, lastTimestamp, gaps));
    }

    private static void foldNext(Deque<Future<List<StoredEvent>>> ahead, Consumer<List<StoredEvent>> fold, LongConsumer progress) {
        List<StoredEvent> decoded;
        try {
            decoded = ahead.removeFirst().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the bulk read was interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        if (!decoded.isEmpty()) {
            fold.accept(decoded);
            progress.accept(decoded.get(decoded.size() - 1).position());
        }
    }

    private List<StoredEvent> decode(List<Document> documents, Class<?> payloadsOf) {
        List<StoredEvent> decoded = new ArrayList<>(documents.size());
        for (Document document : documents) {
            String type = document.getString("payloadType");
            String revision = document.getString("payloadRevision");
            Class<?> payloadClass = classes.computeIfAbsent(type + "#" + revision,
                    key -> serializer.classForType(new SimpleSerializedType(type, revision)));
            if (!payloadsOf.isAssignableFrom(payloadClass)) {
                continue;
            }
            long position = longOf(document, "_id");
            Object payload;
            try {
                payload = serializer.deserialize(new SimpleSerializedObject<>(document.getString("payload"), String.class, type, revision));
            } catch (RuntimeException e) {
                throw new IllegalStateException("the event at position " + position + " (" + type + ") cannot be decoded: " + e.getMessage(), e);
            }
            String aggregateIdentifier = document.getString("aggregateIdentifier");
            // as the tracking path reads it (EventDocuments#toEventData): an event of no aggregate stores its own id there
            boolean ofAnAggregate = !document.getString("eventIdentifier").equals(aggregateIdentifier);
            decoded.add(new StoredEvent(position, ofAnAggregate ? aggregateIdentifier : null, longOf(document, "sequenceNumber"),
                    DateTimeUtils.parseInstant(document.getString("timestamp")), payload));
        }
        return decoded;
    }

    private GapAwareTrackingToken token(long lastEvent, String lastTimestamp, Gaps gaps) {
        boolean allowGaps = DateTimeUtils.parseInstant(lastTimestamp).isAfter(GenericEventMessage.clock.instant().minus(gapTimeout));
        TreeSet<Long> kept = allowGaps ? new TreeSet<>(gaps.below(lastEvent)) : new TreeSet<>();
        return GapAwareTrackingToken.newInstance(lastEvent, kept);
    }

    /** The positions that held no document, within the gap offset of the last position seen. */
    static final class Gaps {
        private final int maxGapOffset;
        private final TreeSet<Long> missing = new TreeSet<>();
        private long last;

        Gaps(int maxGapOffset) {
            this.maxGapOffset = maxGapOffset;
        }

        void saw(long position) {
            for (long absent = Math.max(last + 1, position - maxGapOffset); absent < position; absent++) {
                missing.add(absent);
            }
            last = position;
            if (!missing.isEmpty() && missing.first() < position - maxGapOffset) {
                missing.headSet(position - maxGapOffset).clear();
            }
        }

        /** The missing positions below {@code position} a token at it keeps as gaps (as {@code advanceTo} bounds them). */
        java.util.SortedSet<Long> below(long position) {
            return missing.subSet(Math.max(1, position - maxGapOffset), position);
        }
    }
}
