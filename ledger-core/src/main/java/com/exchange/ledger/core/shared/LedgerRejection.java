package com.exchange.ledger.core.shared;

import java.util.Objects;

/**
 * The one domain exception: a command broke a rule and changed nothing. Callers branch on {@link #code()},
 * never on the message, which is for people.
 */
public final class LedgerRejection extends RuntimeException {

    private final RejectionCode code;

    public LedgerRejection(RejectionCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public RejectionCode code() {
        return code;
    }

    public static LedgerRejection of(RejectionCode code, String format, Object... args) {
        return new LedgerRejection(code, String.format(format, args));
    }
}
