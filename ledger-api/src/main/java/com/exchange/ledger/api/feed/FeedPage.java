package com.exchange.ledger.api.feed;

import java.util.List;

/**
 * A page of the feed. {@code lastPosition} is what to ask with next: the last position served, or the position asked
 * after when nothing could be served yet (the stream's end, or an index below the next event that a writer may still
 * commit).
 */
public record FeedPage(List<FeedEvent> events, long lastPosition) {
}
