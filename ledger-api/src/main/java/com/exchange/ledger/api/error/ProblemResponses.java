package com.exchange.ledger.api.error;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.CodecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

import java.net.URI;

/**
 * Every refusal as application/problem+json (RFC 9457) with a stable {@code code}; never a stack trace. Each
 * {@link RejectionCode} maps to one status here and nowhere else.
 */
@RestControllerAdvice
public class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    public static HttpStatus statusOf(RejectionCode code) {
        return switch (code) {
            case INVALID_AMOUNT, UNKNOWN_CURRENCY, VALIDATION_FAILED, CURRENCY_MISMATCH, FEE_NOT_BELOW_AMOUNT, SAME_ACCOUNT ->
                    HttpStatus.BAD_REQUEST;
            case SELF_REFERRAL -> HttpStatus.BAD_REQUEST;
            case HOLD_NOT_FOUND, NOT_FOUND -> HttpStatus.NOT_FOUND;
            case OPERATION_CONFLICT, HOLD_ALREADY_EXISTS, HOLD_ALREADY_SETTLED, WITHDRAWAL_NOT_PENDING, TRADE_NOT_OPEN -> HttpStatus.CONFLICT;
            case INSUFFICIENT_FUNDS, INSUFFICIENT_SAVINGS, BALANCE_LIMIT_EXCEEDED, TOO_MANY_OPEN_HOLDS -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    @ExceptionHandler(LedgerRejection.class)
    ProblemDetail rejected(LedgerRejection rejection) {
        return problem(statusOf(rejection.code()), rejection.code().name(), rejection.getMessage());
    }

    /** A step on a flow (withdrawal, trade, ...) that was never started. */
    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail noSuchFlow(AggregateNotFoundException missing) {
        return problem(HttpStatus.NOT_FOUND, RejectionCode.NOT_FOUND.name(), "no such " + kindOf(String.valueOf(missing.getAggregateIdentifier())));
    }

    private static String kindOf(String aggregateIdentifier) {
        int colon = aggregateIdentifier == null ? -1 : aggregateIdentifier.indexOf(':');
        return colon > 0 ? aggregateIdentifier.substring(0, colon) : "resource";
    }

    /** Spring's own refusals: no such route, wrong method, unreadable or malformed body, bad parameter. */
    @ExceptionHandler(ResponseStatusException.class)
    ProblemDetail refusedByFramework(ResponseStatusException refusal) {
        HttpStatus status = HttpStatus.resolve(refusal.getStatusCode().value());
        if (status == null || status.is5xxServerError()) {
            return internalError(refusal);
        }
        String code = switch (status) {
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
            case UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED_MEDIA_TYPE";
            case NOT_ACCEPTABLE -> "NOT_ACCEPTABLE";
            case PAYLOAD_TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            default -> "VALIDATION_FAILED";
        };
        return problem(status, code, status == HttpStatus.BAD_REQUEST ? badRequestDetail(refusal) : status.getReasonPhrase());
    }

    /** A query parameter Spring could not convert (limit=abc, a number past its type) is named; a body is not echoed. */
    private static String badRequestDetail(ResponseStatusException refusal) {
        if (refusal instanceof ServerWebInputException input && input.getMethodParameter() != null) {
            MethodParameter parameter = input.getMethodParameter();
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            if (query != null) {
                String name = !query.name().isEmpty() ? query.name() : parameter.getParameterName();
                Class<?> type = parameter.getParameterType();
                boolean whole = type == int.class || type == long.class || type == Integer.class || type == Long.class;
                return whole ? name + " must be a whole number in range" : name + " is not a valid value";
            }
        }
        return "the request is malformed or has unknown or invalid fields";
    }

    /** A body the JSON decoder could not bind: the caller's input, whatever the decoder calls it. */
    @ExceptionHandler(CodecException.class)
    ProblemDetail undecodable(CodecException failure) {
        log.warn("request body could not be decoded: {}", failure.getMostSpecificCause().getClass().getSimpleName());
        return problem(HttpStatus.BAD_REQUEST, RejectionCode.VALIDATION_FAILED.name(),
                "the request is malformed or has unknown or invalid fields");
    }

    /**
     * Any other failure. A response already committed (a page's file half sent when the client went away) can take
     * no problem body: its status and content type are on the wire. The failure is handed on untouched, and
     * {@link CommittedResponseFailures} logs it once and ends the exchange.
     */
    @ExceptionHandler(Exception.class)
    Mono<ProblemDetail> unexpected(Exception failure, ServerWebExchange exchange) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        return Mono.just(internalError(failure));
    }

    private static ProblemDetail internalError(Exception failure) {
        log.error("request failed unexpectedly", failure);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "the ledger could not answer; the failure is logged");
    }

    /** The one shape of every refusal the API sends, here and from the security filters. */
    public static ProblemDetail problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://ledger.exchange/problems/" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("code", code);
        return problem;
    }
}
