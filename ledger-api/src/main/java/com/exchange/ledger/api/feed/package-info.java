/**
 * The event feed (issue 17 item 4): the whole event stream in global order, paged and as server-sent events, for the
 * auditors' replay without database access and for downstream systems that follow the ledger. It serves only a
 * prefix of the stream no late commit can still change, so a consumer that resumes from the last position it saw
 * gets every event exactly once, in order.
 */
package com.exchange.ledger.api.feed;
