package com.exchange.ledger.api.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Ends an exchange whose response failed after it was committed, logging the failure once. Nothing more can be said
 * to the client then (the status and the content type, say {@code text/css}, are already sent); trying to write a
 * problem body onto it only raised a second error ("No Encoder for ProblemDetail with preset Content-Type
 * 'text/css'"). The usual cause is a client that went away mid-answer (a broken pipe), so the line is a warning
 * without a stack trace; a failure before the commit is still answered as problem+json by {@link ProblemResponses}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CommittedResponseFailures implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(CommittedResponseFailures.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange)
                .onErrorResume(failure -> exchange.getResponse().isCommitted(), failure -> {
                    log.warn("the answer to {} {} failed after it had started ({} {}): it ends here", exchange.getRequest().getMethod(),
                            exchange.getRequest().getPath().value(), exchange.getResponse().getStatusCode(), describe(failure));
                    return Mono.empty();
                });
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        return cause.getClass().getSimpleName() + ": " + (message.length() > 200 ? message.substring(0, 200) + "…" : message);
    }
}
