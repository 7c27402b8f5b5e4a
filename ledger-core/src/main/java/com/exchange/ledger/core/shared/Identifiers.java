package com.exchange.ledger.core.shared;

import java.util.regex.Pattern;

/** The shape every caller-supplied identifier must have: bounded, printable, free of separators we use. */
final class Identifiers {

    static final int MAX_LENGTH = 128;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}");

    private Identifiers() {
    }

    static String require(String kind, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw LedgerRejection.of(RejectionCode.VALIDATION_FAILED,
                    "%s must be 1-%d characters of letters, digits and _.:@- starting with a letter or digit",
                    kind, MAX_LENGTH);
        }
        return value;
    }
}
