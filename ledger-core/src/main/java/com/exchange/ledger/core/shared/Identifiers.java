package com.exchange.ledger.core.shared;

import java.util.regex.Pattern;

/** The shape every caller-supplied identifier must have: bounded, printable, free of separators we use. */
public final class Identifiers {

    public static final int MAX_LENGTH = 128;
    /** Flow ids are prefixed to derive hold and operation ids ({@code withdrawal:<id>}), which must stay within 128. */
    public static final int MAX_FLOW_ID_LENGTH = 96;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@-]*");

    private Identifiers() {
    }

    /** Checks a caller's id: 1-128 characters of letters, digits and {@code _.:@-}, starting with a letter or digit. */
    public static String require(String kind, String value) {
        return require(kind, value, MAX_LENGTH);
    }

    /** The same shape with another length limit. */
    public static String require(String kind, String value, int maxLength) {
        if (value == null || value.isEmpty() || value.length() > maxLength || !ID.matcher(value).matches()) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, kind,
                    value != null && value.length() > maxLength ? RuleViolation.Rule.TOO_LONG
                            : value == null || value.isEmpty() ? RuleViolation.Rule.FIELD_REQUIRED : RuleViolation.Rule.INVALID_FORMAT,
                    "%s must be 1-%d characters of letters, digits and _.:@- starting with a letter or digit",
                    kind, maxLength);
        }
        return value;
    }
}
