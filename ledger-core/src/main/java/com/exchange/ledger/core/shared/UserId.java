package com.exchange.ledger.core.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** A user of the exchange. No ':' or '/', so it can never be mistaken for a system account or an account id. */
public record UserId(@JsonValue String value) {

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public UserId {
        if (value == null || !USER.matcher(value).matches()) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "user_id", value == null ? RuleViolation.Rule.FIELD_REQUIRED : RuleViolation.Rule.INVALID_FORMAT,
                    "user id must be 1-64 characters of letters, digits and _.@- starting with a letter or digit");
        }
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    /** A user a request names in {@code field} ({@code to_user_id}); a refusal names that field. */
    public static UserId of(String value, String field) {
        try {
            return new UserId(value);
        } catch (LedgerRejection refused) {
            throw refused.inField(field);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
