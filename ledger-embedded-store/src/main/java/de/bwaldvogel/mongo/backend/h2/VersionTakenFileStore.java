package de.bwaldvogel.mongo.backend.h2;

import org.h2.mvstore.SingleFileStore;
import org.h2.mvstore.WriteBuffer;

import java.util.Map;

/**
 * H2's single-file store, telling the backend when a commit has taken its version. H2 commits in two steps under its
 * store lock: it takes the root page of every map as of a new version, then serialises the pages reachable from those
 * roots and writes them to the file. Writes after the first step go to the next version (H2's pages are copy on
 * write), so a commit needs the collections held only for the first step, not while it writes the file. H2 has no hook
 * between the two steps; the first thing its second step does is to ask for a write buffer, so that is where this store
 * reports it ({@code FileStore.serializeAndStore}, H2 2.3.232; {@code PinnedInternals} checks the method is still there).
 * Not final only so that a test can hold a commit between its two steps.
 */
public class VersionTakenFileStore extends SingleFileStore {

    private volatile Runnable onVersionTaken;

    /** A store for {@code MVStore.Builder#adoptFileStore}, configured by H2's own keys ({@code cacheSize}, ...). */
    public VersionTakenFileStore(Map<String, Object> config) {
        super(config);
    }

    /** Runs {@code action} once, when the next commit has taken its version (before it writes the file). */
    void onNextVersionTaken(Runnable action) {
        onVersionTaken = action;
    }

    @Override
    public WriteBuffer getWriteBuffer() {
        Runnable action = onVersionTaken;
        if (action != null) {
            onVersionTaken = null;
            action.run();
        }
        return super.getWriteBuffer();
    }
}
