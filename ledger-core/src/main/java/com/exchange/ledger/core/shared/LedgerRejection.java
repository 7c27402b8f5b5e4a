package com.exchange.ledger.core.shared;

import java.util.List;
import java.util.Objects;

/**
 * The one domain exception: a command broke a rule and changed nothing. Callers branch on {@link #code()} and, for
 * bad input, on the {@link #violations()} it names, never on the message, which is for people.
 */
public final class LedgerRejection extends RuntimeException {

    private final RejectionCode code;
    private final List<RuleViolation> violations;

    public LedgerRejection(RejectionCode code, String message) {
        this(code, message, List.of());
    }

    public LedgerRejection(RejectionCode code, String message, List<RuleViolation> violations) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.violations = List.copyOf(violations);
    }

    public RejectionCode code() {
        return code;
    }

    /** The rules the input broke, with the fields that broke them; empty for a refusal that is not about input. */
    public List<RuleViolation> violations() {
        return violations;
    }

    public static LedgerRejection of(RejectionCode code, String format, Object... args) {
        return new LedgerRejection(code, String.format(format, args));
    }

    /** Input that broke {@code rule} in {@code field}: the refusal every check of a request's fields throws. */
    public static LedgerRejection invalid(RejectionCode code, String field, RuleViolation.Rule rule, String format, Object... args) {
        return new LedgerRejection(code, String.format(format, args), List.of(new RuleViolation(field, rule)));
    }

    /**
     * The same refusal about the named request field. A value type ({@link Currency#amount}) checks a value without
     * knowing which field held it; the edge that read the field names it.
     */
    public LedgerRejection inField(String field) {
        if (violations.isEmpty()) {
            return this;
        }
        return new LedgerRejection(code, getMessage(), violations.stream().map(v -> new RuleViolation(field, v.rule())).toList());
    }
}
