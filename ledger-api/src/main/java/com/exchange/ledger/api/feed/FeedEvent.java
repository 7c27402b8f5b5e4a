package com.exchange.ledger.api.feed;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One stored event as the feed writes it. {@code position} is its global index, the resume point; {@code account}
 * the wallet account it belongs to (null for an event of another aggregate); {@code hash} the chain hash the store
 * keeps with the event when it has one (null otherwise).
 */
public record FeedEvent(long position, String type, String eventId, String aggregateId, Long sequence, Instant occurredAt,
                        String account, List<FeedPosting> postings, Object payload, String hash) {

    /** One line of the event's journal entry: a signed change to a bucket of an account. */
    public record FeedPosting(String account, String bucket, String currency, BigDecimal amount) {
    }

    FeedEvent withHash(String hash) {
        return new FeedEvent(position, type, eventId, aggregateId, sequence, occurredAt, account, postings, payload, hash);
    }
}
