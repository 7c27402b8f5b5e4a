package com.exchange.ledger.api.error;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import org.springframework.core.MethodParameter;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A query parameter the endpoint does not read is refused, once for every endpoint, before the endpoint runs: a
 * misspelt or camelCase filter ({@code userId} for {@code user_id}) would otherwise be ignored silently and answer
 * more than the caller asked for (every user's withdrawals). A parameter given twice is refused too: which one the
 * caller meant is not for the ledger to guess. The names an endpoint accepts are its {@code @RequestParam}s.
 */
@ControllerAdvice
class QueryParameters {

    /** An error never echoes unbounded input: a longer name is cut, anything but a plain name is not quoted. */
    private static final int MAX_ECHOED = 40;
    private static final Pattern ECHOABLE = Pattern.compile("[A-Za-z0-9_.-]+");

    private final Map<HandlerMethod, Set<String>> accepted = new ConcurrentHashMap<>();

    @ModelAttribute
    void refuseUnknown(ServerWebExchange exchange) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams();
        if (query.isEmpty() || !(exchange.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler)) {
            return;
        }
        Set<String> names = accepted.computeIfAbsent(handler, QueryParameters::requestParams);
        for (Map.Entry<String, List<String>> parameter : new java.util.TreeMap<>(query).entrySet()) {
            if (!names.contains(parameter.getKey())) {
                throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, ProblemResponses.echoable(parameter.getKey(), "query"),
                        RuleViolation.Rule.UNKNOWN_QUERY_PARAMETER, "unknown query parameter %s; this endpoint reads %s",
                        echo(parameter.getKey()), names.isEmpty() ? "none" : String.join(", ", names));
            }
            if (parameter.getValue().size() > 1) {
                throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, ProblemResponses.echoable(parameter.getKey(), "query"),
                        RuleViolation.Rule.REPEATED_QUERY_PARAMETER, "query parameter %s is given more than once", parameter.getKey());
            }
        }
    }

    static Set<String> requestParams(HandlerMethod handler) {
        java.util.SortedSet<String> names = new TreeSet<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null) {
                parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
                names.add(param.name().isEmpty() ? parameter.getParameterName() : param.name());
            }
        }
        return java.util.Collections.unmodifiableSortedSet(names);
    }

    private static String echo(String name) {
        String shown = name.length() > MAX_ECHOED ? name.substring(0, MAX_ECHOED) : name;
        return ECHOABLE.matcher(shown).matches() ? "'" + shown + (shown.length() < name.length() ? "…'" : "'") : "(a name with unusual characters)";
    }
}
