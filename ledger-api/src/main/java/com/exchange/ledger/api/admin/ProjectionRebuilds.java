package com.exchange.ledger.api.admin;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.transactions.TransactionsProjection;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.exchange.ledger.projections.holds.OpenHoldsProjection;
import com.exchange.ledger.projections.system.SystemBalancesProjection;
import com.exchange.ledger.projections.transfers.TransfersInFlightProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import java.util.TreeSet;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds a projection from the first event. Its processor is stopped; then either its token is reset (the
 * projection's reset handler empties its collection) and the processor replays the whole store, or, for
 * {@code wallets}, the view is rebuilt in bulk ({@link WalletsProjection#rebuild}) and the processor's token is set to
 * the last event read. Either way the processor is started again and goes on live.
 */
@Service
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    public static final Set<String> PROJECTIONS = Set.of(WalletsProjection.PROCESSING_GROUP, TransactionsProjection.PROCESSING_GROUP,
            OpenHoldsProjection.PROCESSING_GROUP, SystemBalancesProjection.PROCESSING_GROUP, TransfersInFlightProjection.PROCESSING_GROUP,
            com.exchange.ledger.projections.flows.FlowsProjection.PROCESSING_GROUP);

    private final EventProcessingConfiguration processing;
    private final MongoEventStorageEngine engine;
    private final WalletsProjection wallets;
    private final TokenStore tokenStore;
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    /** Events folded so far by a bulk rebuild that is still running. */
    private final Map<String, AtomicLong> bulkDone = new ConcurrentHashMap<>();
    private final ExecutorService bulk = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public ProjectionRebuilds(EventProcessingConfiguration processing, MongoEventStorageEngine engine,
                              WalletsProjection wallets, TokenStore tokenStore) {
        this.processing = processing;
        this.engine = engine;
        this.wallets = wallets;
        this.tokenStore = tokenStore;
    }

    /** Progress of a projection: events done of the store's events, rate and time left while rebuilding. */
    public record Progress(String projection, boolean replaying, long eventsDone, long eventsInStore, double eventsPerSecond,
                           Long etaSeconds, Instant startedAt) {
    }

    public Progress start(String projection) {
        TrackingEventProcessor processor = processor(projection);
        log.info("rebuilding projection {} from the first event", projection);
        processor.shutDown();
        startedAt.put(projection, Instant.now());
        if (WalletsProjection.PROCESSING_GROUP.equals(projection)) {
            AtomicLong done = new AtomicLong();
            bulkDone.put(projection, done);
            bulk.submit(() -> rebuildInBulk(projection, processor, done));
            return progress(projection);
        }
        // an explicit start before the first event: axon-mongo's token store cannot store the null "tail" token
        processor.resetTokens(source -> GapAwareTrackingToken.newInstance(0, new TreeSet<>()));
        processor.start();
        return progress(projection);
    }

    /**
     * Blocks until a rebuild started here has finished and the projection's processor has reached {@code head},
     * telling {@code progress} the events done now and then.
     */
    public void awaitRebuilt(String projection, long head, Duration timeout, Duration reportEvery, LongConsumer progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (bulkDone.containsKey(projection)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the rebuild of " + projection + " did not finish within " + timeout);
            }
            progress.accept(progress(projection).eventsDone());
            LockSupport.parkNanos(Math.min(reportEvery.toNanos(), 200_000_000L));
        }
        CatchUp.await(processing, List.of(projection), head, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())),
                reportEvery, progress);
    }

    private void rebuildInBulk(String projection, TrackingEventProcessor processor, AtomicLong done) {
        try {
            TrackingToken last = wallets.rebuild(engine.readEvents(null, false), done::set);
            TrackingToken resumeAt = last != null ? last : GapAwareTrackingToken.newInstance(0, new TreeSet<>());
            for (int segment : tokenStore.fetchSegments(projection)) {
                tokenStore.storeToken(resumeAt, projection, segment);
                tokenStore.releaseClaim(projection, segment);
            }
            log.info("rebuilt projection {} in bulk from {} events", projection, done.get());
        } catch (RuntimeException e) {
            log.error("bulk rebuild of {} failed; the processor restarts from its last stored token", projection, e);
        } finally {
            bulkDone.remove(projection);
            processor.start();
        }
    }

    public Progress progress(String projection) {
        TrackingEventProcessor processor = processor(projection);
        AtomicLong bulkProgress = bulkDone.get(projection);
        long done = bulkProgress != null ? bulkProgress.get() : CatchUp.position(processor);
        long head = engine.head();
        Instant started = startedAt.get(projection);
        double rate = 0;
        Long eta = null;
        if (started != null) {
            double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            rate = done / seconds;
            eta = rate > 0 ? (long) Math.ceil(Math.max(0, head - done) / rate) : null;
        }
        return new Progress(projection, bulkProgress != null || processor.isReplaying(), done, head, Math.round(rate * 10) / 10.0, eta, started);
    }

    private TrackingEventProcessor processor(String projection) {
        if (!PROJECTIONS.contains(projection)) {
            throw LedgerRejection.of(RejectionCode.VALIDATION_FAILED, "projection must be one of %s", PROJECTIONS);
        }
        return processing.eventProcessor(projection, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no tracking processor for " + projection));
    }
}
