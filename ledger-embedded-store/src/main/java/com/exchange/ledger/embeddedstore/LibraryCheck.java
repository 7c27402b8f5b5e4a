package com.exchange.ledger.embeddedstore;

import de.bwaldvogel.mongo.backend.h2.PinnedInternals;
import de.bwaldvogel.mongo.backend.h2.PinnedInternals.Difference;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Refuses to start the embedded store on a mongo-java-server or H2 whose internals differ from those its key-caching
 * backend was written against ({@link PinnedInternals}): such a backend would not fail, it would misread or misorder
 * the unique-index keys of an existing file. Checked once per process, before a file is opened.
 */
public final class LibraryCheck {

    private LibraryCheck() {
    }

    /** The library on the class path changed an internal the backend relies on. */
    public static final class Incompatible extends IllegalStateException {
        public Incompatible(String message) {
            super(message);
        }
    }

    /** Passes when the class path has the internals of the pinned versions; otherwise throws {@link Incompatible}. */
    public static void requireThePinnedInternals() {
        verify(Observed.DIFFERENCES, Observed.FOUND_VERSIONS);
    }

    /** Observed once: the class path does not change while the process runs. */
    private static final class Observed {
        static final List<Difference> DIFFERENCES = PinnedInternals.differences();
        static final String FOUND_VERSIONS = PinnedInternals.foundVersions();
    }

    static void verify(List<Difference> differences, String foundVersions) {
        if (differences.isEmpty()) {
            return;
        }
        throw new Incompatible("the embedded store cannot start: its H2 backend (SerializedKeyCachingH2Backend) relies on"
                + " internals of mongo-java-server " + PinnedInternals.MONGO_JAVA_SERVER_VERSION + " with H2 "
                + PinnedInternals.H2_VERSION + ", and this class path (" + foundVersions + ") changed them: "
                + differences.stream().map(d -> d.what() + " is " + d.found() + ", expected " + d.expected())
                        .collect(Collectors.joining("; "))
                + ". Build with mongo-java-server " + PinnedInternals.MONGO_JAVA_SERVER_VERSION + " and H2 "
                + PinnedInternals.H2_VERSION + ", or adapt the backend to the new version and move its pins"
                + " (docs/adr/0017-embedded-store-module.md)");
    }
}
