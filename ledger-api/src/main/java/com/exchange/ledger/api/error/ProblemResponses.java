package com.exchange.ledger.api.error;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.RuleViolation.Rule;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.CodecException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every refusal as application/problem+json (RFC 9457) with a stable {@code code}; never a stack trace. Each
 * {@link RejectionCode} maps to one status here and nowhere else. A 400 names what was wrong in {@code errors}, a
 * list of {@code {field, rule}} ({@link RuleViolation}): the code says "bad input", the rule says which check failed,
 * so a client never reads the meaning out of {@code detail}.
 */
@RestControllerAdvice
public class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    /** A name from the request is echoed as a field only when it is a plain, short name. */
    private static final Pattern ECHOABLE_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,63}");

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
        HttpStatus status = statusOf(rejection.code());
        ProblemDetail problem = problem(status, rejection.code().name(), rejection.getMessage());
        return status == HttpStatus.BAD_REQUEST || !rejection.violations().isEmpty() ? withViolations(problem, rejection.violations()) : problem;
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
        if (status != HttpStatus.BAD_REQUEST) {
            return problem(status, code, status.getReasonPhrase());
        }
        return withViolations(problem(status, code, badRequestDetail(refusal)), List.of(violationOf(refusal)));
    }

    /** The parameter Spring could not convert, or what the body's decoder says was wrong with the body. */
    private static RuleViolation violationOf(ResponseStatusException refusal) {
        if (refusal instanceof ServerWebInputException input && input.getMethodParameter() != null) {
            MethodParameter parameter = input.getMethodParameter();
            RequestParam query = parameter.getParameterAnnotation(RequestParam.class);
            PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
            String name = query != null && !query.name().isEmpty() ? query.name()
                    : path != null && !path.name().isEmpty() ? path.name() : parameter.getParameterName();
            if ((query != null || path != null) && name != null) {
                return new RuleViolation(echoable(name, "query"), Rule.INVALID_FORMAT);
            }
        }
        return bodyViolation(refusal);
    }

    /**
     * What Jackson says about a body it could not bind: an unknown field, a field of the wrong type (named by its
     * path), or JSON that does not parse.
     */
    private static RuleViolation bodyViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return new RuleViolation(echoable(unknown.getPropertyName(), "body"), Rule.UNKNOWN_FIELD);
            }
            if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                String path = mapping.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                        .filter(java.util.Objects::nonNull).collect(Collectors.joining("."));
                return new RuleViolation(echoable(path, "body"), Rule.INVALID_FORMAT);
            }
            if (cause instanceof JsonProcessingException) {
                return new RuleViolation("body", Rule.MALFORMED_JSON);
            }
        }
        return new RuleViolation("body", Rule.MALFORMED_JSON);
    }

    /** A name from the request as a field, or {@code fallback} when it is long or unusual: an error never echoes much. */
    static String echoable(String name, String fallback) {
        return name != null && ECHOABLE_FIELD.matcher(name).matches() ? name : fallback;
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
        return withViolations(problem(HttpStatus.BAD_REQUEST, RejectionCode.VALIDATION_FAILED.name(),
                "the request is malformed or has unknown or invalid fields"), List.of(bodyViolation(failure)));
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

    /**
     * The problem with the rules the input broke, as {@code errors: [{field, rule}]}. Every 400 carries the list; it is
     * empty only when the refusal was recorded before the ledger named rules (a flow refused by an older version).
     */
    public static ProblemDetail withViolations(ProblemDetail problem, List<RuleViolation> violations) {
        problem.setProperty("errors", violations.stream()
                .map(violation -> {
                    Map<String, String> error = new LinkedHashMap<>();
                    error.put("field", violation.field());
                    error.put("rule", violation.rule().wireName());
                    return error;
                }).toList());
        return problem;
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
