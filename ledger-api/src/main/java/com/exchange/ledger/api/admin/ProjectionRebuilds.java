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
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import java.util.TreeSet;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds a projection from the first event: its processor is stopped, its token reset (the projection's reset
 * handler empties its collection), and started again; it then replays the whole store and goes on live.
 */
@Service
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    public static final Set<String> PROJECTIONS = Set.of(WalletsProjection.PROCESSING_GROUP, TransactionsProjection.PROCESSING_GROUP,
            OpenHoldsProjection.PROCESSING_GROUP, SystemBalancesProjection.PROCESSING_GROUP, TransfersInFlightProjection.PROCESSING_GROUP);

    private final EventProcessingConfiguration processing;
    private final MongoEventStorageEngine engine;
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();

    public ProjectionRebuilds(EventProcessingConfiguration processing, MongoEventStorageEngine engine) {
        this.processing = processing;
        this.engine = engine;
    }

    /** Progress of a projection: events done of the store's events, rate and time left while rebuilding. */
    public record Progress(String projection, boolean replaying, long eventsDone, long eventsInStore, double eventsPerSecond,
                           Long etaSeconds, Instant startedAt) {
    }

    public Progress start(String projection) {
        TrackingEventProcessor processor = processor(projection);
        log.info("rebuilding projection {} from the first event", projection);
        processor.shutDown();
        // an explicit start before the first event: axon-mongo's token store cannot store the null "tail" token
        processor.resetTokens(source -> GapAwareTrackingToken.newInstance(0, new TreeSet<>()));
        startedAt.put(projection, Instant.now());
        processor.start();
        return progress(projection);
    }

    public Progress progress(String projection) {
        TrackingEventProcessor processor = processor(projection);
        long done = processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(position -> position.orElse(0))
                .min().orElse(0);
        long head = engine.head();
        Instant started = startedAt.get(projection);
        double rate = 0;
        Long eta = null;
        if (started != null) {
            double seconds = Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            rate = done / seconds;
            eta = rate > 0 ? (long) Math.ceil(Math.max(0, head - done) / rate) : null;
        }
        return new Progress(projection, processor.isReplaying(), done, head, Math.round(rate * 10) / 10.0, eta, started);
    }

    private TrackingEventProcessor processor(String projection) {
        if (!PROJECTIONS.contains(projection)) {
            throw LedgerRejection.of(RejectionCode.VALIDATION_FAILED, "projection must be one of %s", PROJECTIONS);
        }
        return processing.eventProcessor(projection, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no tracking processor for " + projection));
    }
}
