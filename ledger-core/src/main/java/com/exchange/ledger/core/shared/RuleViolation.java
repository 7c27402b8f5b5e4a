package com.exchange.ledger.core.shared;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which rule a request broke, and in which of its fields: the machine-readable half of a refusal whose
 * {@link RejectionCode} is broad ({@code VALIDATION_FAILED}, {@code INVALID_AMOUNT}). A client switches on
 * {@link Rule#wireName()}, never on the message.
 *
 * @param field the request field as the API names it ({@code amount}, {@code hold_id}, {@code limit}, or a header such as
 *              {@code Last-Event-ID}); a domain name written with spaces ({@code "hold id"}) becomes the field's
 *              snake_case name
 */
public record RuleViolation(String field, Rule rule) {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    public RuleViolation {
        Objects.requireNonNull(rule, "rule");
        field = Objects.requireNonNull(field, "field").trim().replace(' ', '_');
        if (!FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("a violated field is a plain name of at most 64 characters: " + field);
        }
    }

    /**
     * The rules, phrased as what must hold (as TigerBeetle phrases its results). The wire names are stable and each is
     * documented in the README's table of rules; a new rule is added, an old one never renamed.
     */
    public enum Rule {
        /** The field is absent or null. */
        FIELD_REQUIRED,
        /** Longer than the field's bound. */
        TOO_LONG,
        /** Holds a control character (a line break, a NUL). */
        CONTROL_CHARACTERS_NOT_ALLOWED,
        /** Not of the field's shape: an id, a user id, an account, an address, an instant, a JSON type. */
        INVALID_FORMAT,
        /** A number outside the field's range (a page limit, an age, a commission rate, an instant's range). */
        OUT_OF_RANGE,
        /** Not one of the values the field takes (a status, a direction, a projection). */
        UNKNOWN_VALUE,
        /** Allowed here only when true. */
        MUST_BE_TRUE,
        /** A query parameter the endpoint does not read. */
        UNKNOWN_QUERY_PARAMETER,
        /** A query parameter given more than once. */
        REPEATED_QUERY_PARAMETER,
        /** A body field the request does not have. */
        UNKNOWN_FIELD,
        /** A body that is not well-formed JSON. */
        MALFORMED_JSON,
        /** A page cursor this API did not give out. */
        CURSOR_NOT_ISSUED,
        /** An id in a range another writer owns (the migration's hold ids). */
        ID_PREFIX_RESERVED,
        /** A transit account named where only a user's or an outside account may be. */
        TRANSIT_ACCOUNT_NOT_ALLOWED,
        /** An amount that is neither a plain decimal string nor an exact JSON number. */
        AMOUNT_NOT_DECIMAL,
        /** An amount with more significant digits than any amount may have. */
        AMOUNT_TOO_MANY_DIGITS,
        /** An amount at or past the largest amount the ledger takes. */
        AMOUNT_OUT_OF_RANGE,
        /** An amount with more decimals than its currency has. */
        AMOUNT_EXCEEDS_CURRENCY_DECIMALS,
        /** An amount that must be greater than zero is not. */
        AMOUNT_MUST_BE_POSITIVE,
        /** An amount that may be zero is negative. */
        AMOUNT_MUST_NOT_BE_NEGATIVE,
        /** A conversion that would deliver less than the smallest unit of the currency bought. */
        AMOUNT_BELOW_SMALLEST_UNIT,
        /** A currency the ledger does not keep. */
        UNKNOWN_CURRENCY,
        /** A currency other than the one the account or the other amounts are in. */
        CURRENCY_MISMATCH,
        /** A fee that would leave nothing to deliver. */
        FEE_MUST_BE_BELOW_AMOUNT,
        /** Two accounts that must differ are the same. */
        ACCOUNTS_MUST_DIFFER,
        /** A conversion between a currency and itself. */
        CURRENCIES_MUST_DIFFER,
        /** A user named as their own referrer. */
        REFERRER_MUST_DIFFER_FROM_USER,
        /** A trade's expiry outside the window a trade may stay open. */
        EXPIRY_OUT_OF_RANGE,
        /** A trade's expiry with a fraction of a second. */
        EXPIRY_NOT_WHOLE_SECONDS,
        /** An exchange rate outside its range or precision. */
        RATE_OUT_OF_RANGE,
        /** A gateway number the callback's signature does not fix exactly. */
        NUMBER_NOT_SIGNED;

        /** The name clients see: {@code amount_exceeds_currency_decimals}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
