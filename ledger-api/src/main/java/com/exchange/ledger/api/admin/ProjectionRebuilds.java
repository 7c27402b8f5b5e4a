package com.exchange.ledger.api.admin;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.transactions.TransactionsProjection;
import com.exchange.ledger.projections.eventstore.BulkEventReader;
import com.exchange.ledger.projections.wallets.WalletsBulkRebuild;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import com.exchange.ledger.projections.holds.OpenHoldsProjection;
import com.exchange.ledger.projections.system.SystemBalancesProjection;
import com.exchange.ledger.projections.transfers.TransfersInFlightProjection;
import com.exchange.ledger.api.axon.AxonConfiguration;
import com.exchange.ledger.api.axon.ProcessorPolling;
import com.exchange.ledger.api.axon.ReadModelsProcessor;
import com.exchange.ledger.projections.flows.FlowsProjection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
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
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds a projection from the first event. Its processor is stopped; then either its token is reset (the
 * projection's reset handler empties its collection) and the processor replays the whole store, or, for
 * {@code wallets}, the view is rebuilt from the store read in bulk ({@link WalletsBulkRebuild}, ADR 0020) and the
 * processor's token is set to the last event read. Either way the processor is started again and goes on live.
 * <p>
 * With the six views on one processor ({@code read-models}, ADR 0011) a rebuild of one view leaves the other five as
 * they are: {@code read-models} is paused, the view is emptied by its reset handler and the store replayed into that
 * view's handlers alone by a processor of its own ({@code rebuild-<view>}, dropped once it reached the head), and
 * {@code read-models} resumes from its own token; the events between that token and the head reach the view twice,
 * which its idempotence absorbs (ADR 0006). Rebuilds of views of one processor run one after the other.
 */
@Service
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);
    public static final Set<String> PROJECTIONS = Set.of(WalletsProjection.PROCESSING_GROUP, TransactionsProjection.PROCESSING_GROUP,
            OpenHoldsProjection.PROCESSING_GROUP, SystemBalancesProjection.PROCESSING_GROUP, TransfersInFlightProjection.PROCESSING_GROUP,
            FlowsProjection.PROCESSING_GROUP);

    private final EventProcessingConfiguration processing;
    private final MongoEventStorageEngine engine;
    private final WalletsBulkRebuild walletsInBulk;
    private final TokenStore tokenStore;
    /** How long a rebuilt processor may hold no segment before the wait is given up. */
    static final Duration UNCLAIMED = Duration.ofSeconds(60);
    private static final long POLL_NANOS = 50_000_000L;

    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    /** Why a rebuild started here failed, for whoever waits for it. */
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    /** Events folded so far by a bulk rebuild that is still running. */
    private final Map<String, AtomicLong> bulkDone = new ConcurrentHashMap<>();
    private final ExecutorService bulk = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    private final ProcessorPolling.Settings settings;
    private final ReadModelsProcessor.ReadModelBatches batches;
    private final EmbeddedEventStore eventStore;
    private final MongoDatabase database;
    /**
     * The event handlers of each view replayed alone: its projection (the flows: their five views); {@code wallets}
     * only when its bulk rebuild gives way.
     */
    private final Map<String, List<?>> views;

    public ProjectionRebuilds(EventProcessingConfiguration processing, MongoEventStorageEngine engine,
                              WalletsProjection wallets, TokenStore tokenStore, ProcessorPolling.Settings settings,
                              ReadModelsProcessor.ReadModelBatches batches, EmbeddedEventStore eventStore, MongoDatabase ledgerDatabase,
                              TransactionsProjection transactions, OpenHoldsProjection holds, SystemBalancesProjection systemBalances,
                              TransfersInFlightProjection transfers, FlowsProjection flows) {
        this.processing = processing;
        this.engine = engine;
        this.tokenStore = tokenStore;
        this.settings = settings;
        this.batches = batches;
        this.eventStore = eventStore;
        this.database = ledgerDatabase;
        this.walletsInBulk = new WalletsBulkRebuild(wallets);
        this.views = Map.of(WalletsProjection.PROCESSING_GROUP, List.of(wallets), TransactionsProjection.PROCESSING_GROUP, List.of(transactions), OpenHoldsProjection.PROCESSING_GROUP, List.of(holds),
                SystemBalancesProjection.PROCESSING_GROUP, List.of(systemBalances), TransfersInFlightProjection.PROCESSING_GROUP, List.of(transfers),
                FlowsProjection.PROCESSING_GROUP, flows.views());
    }

    private boolean shared() {
        return settings.sharedReadModels();
    }

    /** Progress of a projection: events done of the store's events, rate and time left while rebuilding. */
    public record Progress(String projection, boolean replaying, long eventsDone, long eventsInStore, double eventsPerSecond,
                           Long etaSeconds, Instant startedAt, String failure) {
    }

    /**
     * Requests a rebuild and answers at once: stopping a processor may take seconds (it first settles, then its
     * workers wind down), which an operator's HTTP call must not wait for. The rebuild runs on the rebuild thread,
     * after any rebuild requested before it; {@link #progress} and {@link #awaitRebuilt} follow it. A rebuild of a
     * projection already requested and not finished is not requested twice: its progress is the answer.
     */
    public Progress start(String projection) {
        TrackingEventProcessor processor = processor(projection);
        AtomicLong done = new AtomicLong();
        if (bulkDone.putIfAbsent(projection, done) != null) {
            return progress(projection);
        }
        log.info("rebuilding projection {} from the first event", projection);
        startedAt.put(projection, Instant.now());
        failures.remove(projection);
        if (WalletsProjection.PROCESSING_GROUP.equals(projection)) {
            bulk.execute(() -> rebuildInBulk(projection, processor, done));
        } else if (shared()) {
            long head = lastEventAtOrBelow(engine.head());
            bulk.execute(() -> replayAlone(projection, processor, head, done));
        } else {
            bulk.execute(() -> resetAndReplay(projection, processor));
        }
        return progress(projection);
    }

    /** A processor of its own: its token goes back before the first event and it replays the store live. */
    private void resetAndReplay(String projection, TrackingEventProcessor processor) {
        try {
            ProcessorStops.stop(processor);
            // an explicit start before the first event: axon-mongo's token store cannot store the null "tail" token
            processor.resetTokens(source -> GapAwareTrackingToken.newInstance(0, new TreeSet<>()));
        } catch (RuntimeException e) {
            failures.put(projection, e.toString());
            log.error("rebuild of {} failed; the processor restarts from its last stored token", projection, e);
        } finally {
            restartUnlessAnotherWaits(projection, processor);
        }
    }

    /**
     * Blocks until a rebuild started here has finished and the projection's processor has reached {@code head},
     * telling {@code progress} the events done every {@code reportEvery}. Fails, instead of waiting on, when the
     * rebuild failed, the processor stopped, or it has claimed no segment for {@link #UNCLAIMED} (another process
     * holds it).
     */
    public void awaitRebuilt(String projection, long head, Duration timeout, Duration reportEvery, LongConsumer progress) {
        TrackingEventProcessor processor = processor(projection);
        head = lastEventAtOrBelow(head);
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime() + reportEvery.toNanos();
        long unclaimedSince = System.nanoTime();
        while (true) {
            String failure = failures.get(projection);
            if (failure != null) {
                throw new IllegalStateException("the rebuild of " + projection + " failed: " + failure);
            }
            // the processor of views rebuilt one after the other restarts once the last of them is done
            boolean bulkRunning = bulkDone.containsKey(projection) || rebuildWaitsFor(processor);
            if (!bulkRunning) {
                if (!processor.isRunning()) {
                    throw new IllegalStateException("the " + projection + " processor stopped during the rebuild (see the log)");
                }
                if (processor.processingStatus().isEmpty()) {
                    if (System.nanoTime() - unclaimedSince > UNCLAIMED.toNanos()) {
                        throw new IllegalStateException("the " + projection + " processor has claimed no segment for " + UNCLAIMED
                                + ": another process holds it (is the service running on this store?)");
                    }
                } else {
                    unclaimedSince = System.nanoTime();
                    if (CatchUp.position(processor) >= head) {
                        progress.accept(CatchUp.position(processor));
                        return;
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the rebuild of " + projection + " did not finish within " + timeout);
            }
            if (System.nanoTime() > nextReport) {
                progress.accept(progress(projection).eventsDone());
                nextReport = System.nanoTime() + reportEvery.toNanos();
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Rebuilds the view from the store read in bulk (docs/adr/0020-bulk-rebuild.md) and, for a processor of its own,
     * sets its token to the last event read; then the processor goes on live. The store is read and folded while the
     * processor stops (which takes up to its event wait): the view is emptied and written only once it has stopped. A
     * payload that cannot be decoded or an event the view cannot fold ends the bulk path: the view is then replayed
     * through a processor instead, as the other views are ({@link #resetAndReplay}, {@link #replayAlone}), where the
     * event is parked or stops the replay as it would live.
     */
    private void rebuildInBulk(String projection, TrackingEventProcessor processor, AtomicLong done) {
        long began = System.nanoTime();
        CompletableFuture<Long> stopped = CompletableFuture.supplyAsync(() -> {
            ProcessorStops.stop(processor);
            return System.nanoTime();
        }, runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuild-stop");
            thread.setDaemon(true);
            thread.start();
        });
        BulkEventReader.Result read;
        try {
            read = walletsInBulk.rebuild(engine.bulkReader(DECODE_THREADS), () -> {
                stopped.join();
                return parkedSequences(projection);
            }, done::set);
        } catch (RuntimeException e) {
            if (!stoppedCleanly(projection, processor, stopped)) {
                return;
            }
            log.error("the bulk rebuild of {} stopped; the view is replayed through a processor instead", projection, e);
            if (shared()) {
                replayAlone(projection, processor, lastEventAtOrBelow(engine.head()), done);
            } else {
                resetAndReplay(projection, processor);
            }
            return;
        }
        try {
            if (!shared()) {
                TrackingToken resumeAt = read.token() != null ? read.token() : GapAwareTrackingToken.newInstance(0, new TreeSet<>());
                for (int segment : tokenStore.fetchSegments(projection)) {
                    tokenStore.storeToken(resumeAt, projection, segment);
                    tokenStore.releaseClaim(projection, segment);
                }
            }
            // shared: read-models goes on from its own token, at most the last event read here; the overlap is
            // re-delivered to wallets, which ignores events older than a document's sequence
            log.info("rebuilt projection {} in bulk from {} events, up to position {} in {} ms; its processor had stopped after {} ms",
                    projection, read.events(), read.lastEvent(), (System.nanoTime() - began) / 1_000_000, (stopped.join() - began) / 1_000_000);
        } catch (RuntimeException e) {
            failures.put(projection, e.toString());
            log.error("bulk rebuild of {} failed; the processor restarts from its last stored token", projection, e);
        } finally {
            restartUnlessAnotherWaits(projection, processor);
        }
    }

    /**
     * Waits for the stop begun beside a bulk rebuild that failed. A stop that failed is the rebuild's failure: the
     * processor restarts from its stored token (the view was not touched unless the stop had succeeded).
     */
    private boolean stoppedCleanly(String projection, TrackingEventProcessor processor, CompletableFuture<Long> stopped) {
        try {
            stopped.join();
            return true;
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            failures.put(projection, cause.toString());
            log.error("bulk rebuild of {} failed; the processor restarts from its last stored token", projection, cause);
            restartUnlessAnotherWaits(projection, processor);
            return false;
        }
    }

    /** Threads decoding payloads while the cursor reads on: the two cores of the reference machine. */
    static final int DECODE_THREADS = 2;

    /**
     * The aggregates whose events wait in a view's dead-letter queue (its sequences: one per aggregate, the default
     * policy of the read models, at most {@code ParkedEvents.MAX_SEQUENCES}).
     */
    private Set<String> parkedSequences(String projection) {
        Set<String> parked = new HashSet<>();
        processing.deadLetterQueue(projection).ifPresent(queue -> {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                // the letters of one sequence share its aggregate: the first names it
                Iterator<DeadLetter<? extends EventMessage<?>>> letters = sequence.iterator();
                if (letters.hasNext() && letters.next().message() instanceof DomainEventMessage<?> event) {
                    parked.add(event.getAggregateIdentifier());
                }
            }
        });
        return parked;
    }

    private boolean rebuildWaitsFor(TrackingEventProcessor processor) {
        return bulkDone.keySet().stream().anyMatch(other -> processor(other) == processor);
    }

    /** The processor goes on once no other rebuild of one of its views is waiting; that one restarts it. */
    private void restartUnlessAnotherWaits(String projection, TrackingEventProcessor processor) {
        try {
            boolean anotherWaits = bulkDone.keySet().stream().anyMatch(other -> !other.equals(projection) && processor(other) == processor);
            if (!anotherWaits) {
                ProcessorStops.restart(processor);
            }
        } catch (RuntimeException e) {
            failures.putIfAbsent(projection, "its processor did not start again: " + e.getMessage());
            log.error("the {} processor did not start again after its rebuild", processor.getName(), e);
        } finally {
            bulkDone.remove(projection);
        }
    }

    /**
     * Replays the store into one view of the shared processor, by a processor of its own that starts before the
     * first event, until it reached {@code head}; then that processor and its token are dropped. A failing event stops
     * the replay there (it is retried, the view has no dead-letter queue meanwhile) until the rebuild times out.
     */
    private void replayAlone(String projection, TrackingEventProcessor shared, long head, AtomicLong done) {
        String name = "rebuild-" + projection;
        TrackingEventProcessor replay = null;
        try {
            ProcessorStops.stop(shared);
            dropTokens(name);
            SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder().eventHandlers(views.get(projection))
                    .listenerInvocationErrorHandler(PropagatingErrorHandler.instance()).build();
            invoker.performReset();
            replay = TrackingEventProcessor.builder().name(name).eventHandlerInvoker(invoker).messageSource(eventStore)
                    .tokenStore(tokenStore).transactionManager(NoTransactionManager.INSTANCE)
                    .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                            .andBatchSize(REPLAY_BATCH)
                            .andInitialTrackingToken(source -> GapAwareTrackingToken.newInstance(0, new TreeSet<>())))
                    .build();
            replay.registerHandlerInterceptor(batches.flushes().get(projection));
            replay.start();
            long deadline = System.nanoTime() + REPLAY_LIMIT.toNanos();
            while (true) {
                long position = replay.processingStatus().isEmpty() ? 0 : CatchUp.position(replay);
                done.set(position);
                if (position >= head) {
                    break;
                }
                if (!replay.isRunning() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the replay of " + projection + " stopped at event " + position + " of " + head);
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
            log.info("rebuilt projection {} from {} events; {} goes on from its own token", projection, done.get(), shared.getName());
        } catch (RuntimeException e) {
            failures.put(projection, e.toString());
            log.error("rebuild of {} failed; {} goes on from its own token", projection, shared.getName(), e);
        } finally {
            if (replay != null) {
                replay.shutDown();
            }
            dropTokens(name);
            restartUnlessAnotherWaits(projection, shared);
        }
    }

    /**
     * The position a processor reaches once it has read up to {@code head}: the last event at or below it. The
     * positions after that event may hold tombstones only (the indexes refused repeats took), and no token moves onto
     * a tombstone after the last event: a replay waiting for {@code head} itself waited for the next event appended,
     * for ever on a quiet ledger (found replaying the stored-events fixture, whose policies repeat every command).
     */
    private long lastEventAtOrBelow(long head) {
        List<Document> tail = engine.storedDocuments(Math.max(0, head - engine.readWindow()), head);
        for (int i = tail.size() - 1; i >= 0; i--) {
            if (!tail.get(i).getBoolean("tombstone", false)) {
                return ((Number) tail.get(i).get("_id")).longValue();
            }
        }
        return head;
    }

    /** The token of a replay processor: read directly, as its claim is gone once it stopped. */
    private void dropTokens(String processorName) {
        database.getCollection(AxonConfiguration.TOKEN_COLLECTION).deleteMany(Filters.eq("processorName", processorName));
    }

    private static final int REPLAY_BATCH = 1000;
    private static final Duration REPLAY_LIMIT = Duration.ofHours(6);

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
        return new Progress(projection, bulkProgress != null || processor.isReplaying(), done, head, Math.round(rate * 10) / 10.0, eta, started,
                failures.get(projection));
    }

    private TrackingEventProcessor processor(String projection) {
        if (!PROJECTIONS.contains(projection)) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "projection", RuleViolation.Rule.UNKNOWN_VALUE, "projection must be one of %s", PROJECTIONS);
        }
        return CatchUp.processorOf(processing, projection);
    }
}
