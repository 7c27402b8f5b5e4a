package com.exchange.ledger.api.feed;

import com.exchange.ledger.api.audit.AccountHistory;
import com.exchange.ledger.core.StoredTypes;
import com.exchange.ledger.core.shared.JournalEntry;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.eventstore.StoredEventHashes;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The event stream in global order, read as the tracking processors read it (the engine's gap-aware tracking read,
 * ADR 0002), with one more rule: the feed stops at the first event whose tracking token still holds a gap. Positions
 * are allocated before the insert commits, so an index below a visible event may still be committed; a processor
 * keeps such an index as a gap and takes the event when it shows up, but a feed consumer that resumes after a
 * position must never be owed an event below it. The engine drops a gap once the event above it is older than the
 * gap timeout, or a tombstone closes it, and the feed moves on then: it is behind the head by at most the gap
 * timeout while a writer is in flight, never out of order.
 */
@Service
public class EventFeed {

    public static final int MAX_PAGE = 1_000;
    /** How often a follower that has seen everything asks again. */
    static final Duration IDLE_POLL = Duration.ofMillis(500);
    /** Events a follower reads per query. */
    static final int FOLLOW_BATCH = 200;

    private final MongoEventStorageEngine engine;
    private final AccountHistory history;
    private final StoredEventHashes hashes;

    public EventFeed(MongoEventStorageEngine engine, AccountHistory history, MongoDatabase ledgerDatabase) {
        this.engine = engine;
        this.history = history;
        this.hashes = new StoredEventHashes(ledgerDatabase);
    }

    /** At most {@code limit} events after {@code after}, in order, none past an index that may still be committed. */
    public FeedPage page(long after, int limit) {
        List<FeedEvent> served = new ArrayList<>(Math.min(limit, 64));
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(GapAwareTrackingToken.newInstance(after, Set.of()), false)) {
            Iterator<? extends TrackedEventMessage<?>> read = stream.iterator();
            while (served.size() < limit && read.hasNext()) {
                TrackedEventMessage<?> event = read.next();
                GapAwareTrackingToken token = (GapAwareTrackingToken) event.trackingToken();
                if (!token.getGaps().isEmpty()) {
                    break;
                }
                served.add(feedEvent(event, token.getIndex()));
            }
        }
        List<FeedEvent> hashed = withHashes(served);
        return new FeedPage(hashed, hashed.isEmpty() ? after : hashed.get(hashed.size() - 1).position());
    }

    /** Every event after {@code after}, then each new one as it becomes safe to serve; ends only when cancelled. */
    public Flux<FeedEvent> follow(long after) {
        return read(after, Duration.ZERO)
                .expand(page -> read(page.lastPosition(), page.events().isEmpty() ? IDLE_POLL : Duration.ZERO))
                // one page ahead at most: a slow client holds back the reads, not a queue of pages in memory
                .concatMapIterable(FeedPage::events, 1);
    }

    private Mono<FeedPage> read(long after, Duration wait) {
        Mono<FeedPage> page = Mono.fromCallable(() -> page(after, FOLLOW_BATCH)).subscribeOn(Schedulers.boundedElastic());
        return wait.isZero() ? page : Mono.delay(wait).then(page);
    }

    private FeedEvent feedEvent(TrackedEventMessage<?> event, long position) {
        Object payload = event.getPayload();
        String aggregateId = null;
        Long sequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        List<FeedEvent.FeedPosting> postings = payload instanceof JournalEntry entry
                ? entry.postings().stream().map(p -> new FeedEvent.FeedPosting(p.account().key(), p.bucket().name().toLowerCase(Locale.ROOT),
                        p.delta().currency(), p.delta().amount())).toList()
                : List.of();
        return new FeedEvent(position, StoredTypes.nameOf(event.getPayloadType()).orElse(event.getPayloadType().getName()),
                event.getIdentifier(), aggregateId, sequence, event.getTimestamp(),
                payload instanceof WalletEvent wallet ? wallet.account().key() : null, postings, history.payload(payload), null);
    }

    /** The page's events with the hash their documents carry, read with one query; null where a document has none. */
    private List<FeedEvent> withHashes(List<FeedEvent> page) {
        if (page.isEmpty()) {
            return page;
        }
        Map<Long, String> found = hashes.at(page.stream().map(FeedEvent::position).toList());
        return found.isEmpty() ? page : page.stream().map(event -> event.withHash(found.get(event.position()))).toList();
    }
}
