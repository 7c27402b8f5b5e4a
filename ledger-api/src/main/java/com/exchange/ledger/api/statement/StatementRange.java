package com.exchange.ledger.api.statement;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The period of a statement, {@code [from, to)}: an event at {@code from} is in it, one at {@code to} is the next
 * period's, so consecutive statements tile the history without counting a movement twice.
 */
public record StatementRange(Instant from, Instant to) {

    /** The longest period one statement covers: a leap year. A longer one is asked for as several. */
    public static final Duration MAX_SPAN = Duration.ofDays(366);

    /** Bounded before it is read: both instants ISO-8601, {@code from} before {@code to}, at most {@link #MAX_SPAN} apart. */
    public static StatementRange parse(String from, String to) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!start.isBefore(end)) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "to", RuleViolation.Rule.OUT_OF_RANGE, "from must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "to", RuleViolation.Rule.OUT_OF_RANGE, "a statement covers at most %d days; ask for a longer period in parts",
                    MAX_SPAN.toDays());
        }
        return new StatementRange(start, end);
    }

    private static Instant instant(String name, String value) {
        // an ISO instant is at most 30 characters; a longer value is refused before it is parsed
        if (value == null || value.isEmpty() || value.length() > 40) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, name, value == null || value.isEmpty() ? RuleViolation.Rule.FIELD_REQUIRED : RuleViolation.Rule.INVALID_FORMAT, "%s must be an ISO-8601 instant like 2026-11-24T12:00:00Z", name);
        }
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, name, value == null || value.isEmpty() ? RuleViolation.Rule.FIELD_REQUIRED : RuleViolation.Rule.INVALID_FORMAT, "%s must be an ISO-8601 instant like 2026-11-24T12:00:00Z", name);
        }
        // the store keeps milliseconds, and the statement writes its period in them: a finer bound would be shown as another
        if (instant.getNano() % 1_000_000 != 0) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, name, RuleViolation.Rule.INVALID_FORMAT, "%s has at most millisecond precision", name);
        }
        return instant;
    }

    public boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
