package com.exchange.ledger.core.testing;

import java.util.Optional;
import java.util.UUID;

/**
 * The one switch between the tests' own wire-protocol store and a MongoDB given by URL: when the system property
 * {@code ledger.test.mongo-url} is set (the {@code external-store} profile), the store-facing tests use that server,
 * each in a database of its own named by {@link #uniqueDatabaseName}, dropped when the test is done. Plain Java, so
 * the Mongo-free core can hold it for every module's tests.
 */
public final class ExternalStore {

    public static final String URL_PROPERTY = "ledger.test.mongo-url";
    /** Set by the profile: a run that was meant to go to an external store must not quietly fall back. */
    public static final String REQUIRED_PROPERTY = "ledger.test.external-store-required";
    /** Every database the tests create starts with this, and only such databases are ever dropped by them. */
    public static final String DATABASE_PREFIX = "ledger_test_";

    private ExternalStore() {
    }

    /** The external store's URL, or empty when the tests start their own. */
    public static Optional<String> url() {
        String url = System.getProperty(URL_PROPERTY, "").trim();
        if (url.isEmpty() && Boolean.getBoolean(REQUIRED_PROPERTY)) {
            throw new IllegalStateException("the external-store profile needs -D" + URL_PROPERTY + "=mongodb://host:port");
        }
        return url.isEmpty() ? Optional.empty() : Optional.of(url);
    }

    public static boolean active() {
        return url().isPresent();
    }

    /** A database name no other test (nor an earlier run on the same server) uses; 64 bytes at most, as MongoDB asks. */
    public static String uniqueDatabaseName(String label) {
        String clean = label.replaceAll("[^A-Za-z0-9]", "_");
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String head = DATABASE_PREFIX + clean;
        return head.substring(0, Math.min(head.length(), 63 - suffix.length() - 1)) + "_" + suffix;
    }

    /** Whether a database is one the tests made (the only kind they may drop). */
    public static boolean isTestDatabase(String name) {
        return name != null && name.startsWith(DATABASE_PREFIX);
    }
}
