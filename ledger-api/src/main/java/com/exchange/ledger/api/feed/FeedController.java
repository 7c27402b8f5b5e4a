package com.exchange.ledger.api.feed;

import com.exchange.ledger.api.error.ProblemResponses;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;

/**
 * The feed over HTTP (scope {@code ledger:audit}): pages as JSON, or with {@code Accept: text/event-stream} one
 * server-sent event per stored event, {@code id} its position, so a client's {@code Last-Event-ID} resumes it.
 */
@RestController
@RequestMapping("/api/audit/events")
class FeedController {

    /** A comment line this often on an idle stream: proxies keep it open, and a gone client is noticed. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** The longest position a caller can mean: a long has 19 digits; a longer value is refused before it is parsed. */
    private static final int MAX_POSITION_DIGITS = 19;

    private final EventFeed feed;

    FeedController(EventFeed feed) {
        this.feed = feed;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<FeedPage> page(@RequestParam(defaultValue = "0") String after, @RequestParam(defaultValue = "100") int limit) {
        long from = position("after", after);
        if (limit < 1 || limit > EventFeed.MAX_PAGE) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "limit", RuleViolation.Rule.OUT_OF_RANGE, "limit must be 1-%d", EventFeed.MAX_PAGE);
        }
        return Mono.fromCallable(() -> feed.page(from, limit)).subscribeOn(Schedulers.boundedElastic());
    }

    /** {@code Last-Event-ID} wins over {@code after}: a reconnecting EventSource repeats its first URL with the header. */
    @GetMapping(produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<FeedEvent>> stream(@RequestParam(defaultValue = "0") String after,
                                            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        long from = lastEventId != null ? position("Last-Event-ID", lastEventId) : position("after", after);
        Flux<ServerSentEvent<FeedEvent>> events = feed.follow(from)
                .map(event -> ServerSentEvent.builder(event).id(Long.toString(event.position())).build());
        Flux<ServerSentEvent<FeedEvent>> keepAlive = Flux.interval(KEEP_ALIVE)
                .map(tick -> ServerSentEvent.<FeedEvent>builder().comment("keep-alive").build());
        return Flux.merge(events, keepAlive);
    }

    private static long position(String name, String value) {
        if (value.isEmpty() || value.length() > MAX_POSITION_DIGITS || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, name, RuleViolation.Rule.INVALID_FORMAT, "%s must be a position: a whole number >= 0", name);
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, name, RuleViolation.Rule.INVALID_FORMAT, "%s must be a position: a whole number >= 0", name);
        }
    }

    /**
     * A refusal is problem+json on the stream's path too: the server-sent-events writer writes any value, so without
     * the explicit type the refusal would go out as an event of a 400 stream.
     */
    @ExceptionHandler(LedgerRejection.class)
    ResponseEntity<ProblemDetail> refused(LedgerRejection rejection) {
        HttpStatus status = ProblemResponses.statusOf(rejection.code());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.withViolations(ProblemResponses.problem(status, rejection.code().name(), rejection.getMessage()),
                        rejection.violations()));
    }
}
