package com.exchange.ledger.api.axon;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToInitializeTokenException;
import org.axonframework.eventhandling.tokenstore.UnableToRetrieveIdentifierException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The token store with claim renewals paced apart from the wait for events. Axon's tracking processor renews its claim
 * each time its wait for events ends empty, so the wait used to be long (10 s) to keep an idle ledger's store quiet;
 * but a stop lets a worker only 5 s to leave that wait before interrupting it, and the interrupted thread could not
 * write its claim's release — the next instance on the store then waited out the whole claim timeout (30 s) before
 * any processor ran. With renewals paced here, the wait can be short (a stop is seen within it, the release is
 * written) and an idle processor still renews once per {@code renewal}.
 * <p>
 * A renewal is written when this store has not written the segment's claim (a renewal, a stored token or a fetch)
 * for {@code renewal}; a skipped renewal cannot hide a lost claim for longer than that, which is as long as the
 * former wait hid it. Everything else goes straight to the store.
 */
final class PacedClaimRenewals implements TokenStore {

    private final TokenStore store;
    private final long renewalNanos;
    private final LongSupplier nanoTime;
    /** When this store last wrote each claim it holds, by processor and segment. */
    private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();

    PacedClaimRenewals(TokenStore store, Duration renewal) {
        this(store, renewal, System::nanoTime);
    }

    PacedClaimRenewals(TokenStore store, Duration renewal, LongSupplier nanoTime) {
        this.store = store;
        this.renewalNanos = renewal.toNanos();
        this.nanoTime = nanoTime;
    }

    private static String key(String processorName, int segment) {
        return processorName + '\u0000' + segment;
    }

    private void written(String processorName, int segment) {
        lastWritten.put(key(processorName, segment), nanoTime.getAsLong());
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        Long last = lastWritten.get(key(processorName, segment));
        if (last != null && nanoTime.getAsLong() - last < renewalNanos) {
            return;
        }
        store.extendClaim(processorName, segment);
        written(processorName, segment);
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        store.storeToken(token, processorName, segment);
        written(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        TrackingToken token = store.fetchToken(processorName, segment);
        written(processorName, segment);
        return token;
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        TrackingToken token = store.fetchToken(processorName, segment);
        written(processorName, segment.getSegmentId());
        return token;
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        lastWritten.remove(key(processorName, segment));
        store.releaseClaim(processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        lastWritten.remove(key(processorName, segment));
        store.deleteToken(processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        store.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
            throws UnableToClaimTokenException {
        store.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment)
            throws UnableToInitializeTokenException {
        store.initializeSegment(token, processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return store.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return store.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return store.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() throws UnableToRetrieveIdentifierException {
        return store.retrieveStorageIdentifier();
    }
}
