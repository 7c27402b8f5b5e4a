package com.exchange.ledger.api.startup;

import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.exchange.ledger.embeddedstore.LibraryCheck;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A start the operator can fix: its message says in a sentence what is wrong and what to do, and it is shown as that
 * sentence, never as a stack trace ({@link RefusalReporter}, {@code LedgerApplication.main}).
 */
public class StartupRefusal extends RuntimeException {

    /** The exit status of a process that refused to start. */
    public static final int EXIT_STATUS = 1;

    public StartupRefusal(String message) {
        super(message, null, false, false);
    }

    /**
     * The refusal behind a failed start, if it is one an operator can fix: a {@code StartupRefusal} anywhere in the
     * causes, or a known condition (the embedded store held by another process, or built with a library whose
     * internals its backend does not know) said as one.
     */
    public static Optional<StartupRefusal> in(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof StartupRefusal refusal) {
                return Optional.of(refusal);
            }
            if (cause instanceof EmbeddedMongo.InUse inUse) {
                return Optional.of(new StartupRefusal(inUse.getMessage() + " (is the ledger service running on it?): stop"
                        + " that process first, or set LEDGER_DATA_DIR to another directory"));
            }
            if (cause instanceof LibraryCheck.Incompatible incompatible) {
                return Optional.of(new StartupRefusal(incompatible.getMessage() + "; or set MONGO_URL to run on MongoDB"));
            }
        }
        return Optional.empty();
    }
}
