package com.exchange.ledger.api.error;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A failure after a response was committed (a page's file half sent to a client that went away) is logged once and
 * ends the exchange; before the commit it is still a problem+json answer. Issue 19: the error handling tried to write
 * a problem body onto a {@code text/css} answer already sent, and raised a second error.
 */
class CommittedResponseFailuresTest {

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger filterLog = (Logger) LoggerFactory.getLogger(CommittedResponseFailures.class);
    private final Logger problemLog = (Logger) LoggerFactory.getLogger(ProblemResponses.class);

    @BeforeEach
    void capture() {
        logged.start();
        filterLog.addAppender(logged);
        problemLog.addAppender(logged);
    }

    @AfterEach
    void release() {
        filterLog.detachAppender(logged);
        problemLog.detachAppender(logged);
    }

    private static MockServerWebExchange cssRequest() {
        return MockServerWebExchange.from(MockServerHttpRequest.get("/app.css"));
    }

    private static Mono<Void> commitCss(MockServerWebExchange exchange) {
        exchange.getResponse().setStatusCode(HttpStatus.OK);
        exchange.getResponse().getHeaders().setContentType(MediaType.parseMediaType("text/css"));
        return exchange.getResponse().setComplete();
    }

    @Test
    @DisplayName("the problem handler writes nothing onto a committed answer: it hands the failure on untouched")
    void problemHandlerLeavesCommittedAnswer() {
        MockServerWebExchange exchange = cssRequest();
        commitCss(exchange).block();
        IOException brokenPipe = new IOException("sendfile(..) failed with error(-32): Broken pipe");

        Mono<ProblemDetail> answer = new ProblemResponses().unexpected(brokenPipe, exchange);

        assertThatThrownBy(answer::block).hasCause(brokenPipe);
        assertThat(logged.list).isEmpty();
    }

    @Test
    @DisplayName("before the commit, an unexpected failure is still a problem+json INTERNAL_ERROR, logged once")
    void uncommittedFailureIsAProblem() {
        ProblemDetail problem = new ProblemResponses().unexpected(new IllegalStateException("boom"), cssRequest()).block();

        assertThat(problem).isNotNull();
        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getProperties()).containsEntry("code", "INTERNAL_ERROR");
        assertThat(logged.list).hasSize(1).allSatisfy(event -> assertThat(event.getLevel()).isEqualTo(Level.ERROR));
    }

    @Test
    @DisplayName("a failure after the commit ends the exchange with one warning, no second error, no stack trace")
    void committedFailureEndsWithOneWarning() {
        MockServerWebExchange exchange = cssRequest();

        new CommittedResponseFailures().filter(exchange,
                ex -> commitCss((MockServerWebExchange) ex).then(Mono.error(new IOException("Broken pipe")))).block();

        assertThat(logged.list).hasSize(1);
        ILoggingEvent warning = logged.list.get(0);
        assertThat(warning.getLevel()).isEqualTo(Level.WARN);
        assertThat(warning.getThrowableProxy()).isNull();
        assertThat(warning.getFormattedMessage()).contains("GET /app.css").contains("Broken pipe");
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    @DisplayName("a failure before the commit is not swallowed: it goes on to be answered")
    void uncommittedFailurePropagates() {
        IllegalStateException failure = new IllegalStateException("not yet answered");

        Mono<Void> filtered = new CommittedResponseFailures().filter(cssRequest(), ex -> Mono.error(failure));

        assertThatThrownBy(filtered::block).isSameAs(failure);
        assertThat(logged.list).isEmpty();
    }
}
