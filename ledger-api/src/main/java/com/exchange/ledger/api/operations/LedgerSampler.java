package com.exchange.ledger.api.operations;

import com.exchange.ledger.api.axon.ReadModelFailures;
import com.exchange.ledger.projections.flows.FlowQueries;
import com.exchange.ledger.projections.holds.OpenHoldsQueries;
import com.exchange.ledger.projections.transfers.TransfersQueries;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Reads what the gauges show on a schedule, never on a scrape: each processor's lag, open holds by age, transfers and
 * flows in flight. Every read is a count on an indexed field or one event: cheap at any size of the store. A sample
 * that fails (the store is away) keeps the previous values and is tried again at the next tick.
 */
public final class LedgerSampler {

    private static final Logger log = LoggerFactory.getLogger(LedgerSampler.class);
    /** The age buckets of open holds: under an hour, under a day, older (the reconciliation's "stuck" default). */
    static final List<String> HOLD_AGES = List.of("lt_1h", "1h_24h", "gt_24h");

    /** One processor's distance behind the head of the store. */
    public record Lag(long events, double seconds) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStorageEngine engine;
    private final FlowQueries flowViews;
    private final OpenHoldsQueries holdViews;
    private final TransfersQueries transferViews;
    private final Clock clock;
    private final Map<String, Lag> lags = new ConcurrentHashMap<>();
    private final Map<String, Long> holds = new ConcurrentHashMap<>();
    private final Map<String, Long> flows = new ConcurrentHashMap<>();
    /** Parked (dead-lettered) events per processor; empty for a processor without a dead-letter queue. */
    private final Map<String, Long> parked = new ConcurrentHashMap<>();
    private volatile long transfersInFlight;
    private volatile Instant sampledAt;
    /** When the views were last counted, and the head of the store then. */
    private volatile Instant fullSampleAt;
    private volatile long lastHead = -1;
    /** The longest an idle ledger's counts go unrenewed. */
    static final Duration FULL_REFRESH = Duration.ofMinutes(5);

    public LedgerSampler(EventProcessingConfiguration processing, EventStorageEngine engine, FlowQueries flowViews,
                         OpenHoldsQueries holdViews, TransfersQueries transferViews, MeterRegistry registry, Clock clock) {
        this.processing = processing;
        this.engine = engine;
        this.flowViews = flowViews;
        this.holdViews = holdViews;
        this.transferViews = transferViews;
        this.clock = clock;
        HOLD_AGES.forEach(age -> {
            holds.put(age, 0L);
            Gauge.builder("ledger.holds.open", holds, h -> h.get(age)).description("open holds by age")
                    .tag("age", age).register(registry);
        });
        FlowQueries.IN_FLIGHT_KINDS.forEach(kind -> {
            flows.put(kind, 0L);
            Gauge.builder("ledger.flows.in_flight", flows, f -> f.get(kind)).description("product flows not yet settled")
                    .tag("kind", kind).register(registry);
        });
        Gauge.builder("ledger.transfers.in_flight", this, s -> s.transfersInFlight)
                .description("transfers sent and not yet received or returned").register(registry);
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                lags.put(name, new Lag(0, 0));
                Gauge.builder("ledger.processor.lag.events", lags, l -> l.get(name).events())
                        .description("events in the store the processor has not handled yet")
                        .tag("processor", name).register(registry);
                Gauge.builder("ledger.processor.lag", lags, l -> l.get(name).seconds())
                        .description("age of the oldest event the processor has not handled yet").baseUnit("seconds")
                        .tag("processor", name).register(registry);
                // every processor has the gauge, 0 without a dead-letter queue, so a dashboard never misses it
                Gauge.builder("ledger.events.parked", parked, p -> p.getOrDefault(name, 0L))
                        .description("events parked in the processor's dead-letter queue")
                        .tag("processor", name).register(registry);
            }
        });
    }

    /**
     * Samples the gauges. An idle ledger is sampled for one look at the head of the store: while nothing was appended
     * and no processor lags, the views cannot have changed, and counting them again would cost an idle instance more
     * store commands than its processors' polling (issue 14: at most 2 a second while idle). The counts are still
     * renewed every {@link #FULL_REFRESH}, as the holds' age buckets move with time and a retried parked event
     * appends nothing.
     */
    public void sample() {
        try {
            long head = headPosition();
            Instant now = clock.instant();
            if (head == lastHead && fullSampleAt != null && now.isBefore(fullSampleAt.plus(FULL_REFRESH))
                    && lags.values().stream().allMatch(lag -> lag.events() == 0)) {
                sampledAt = now;
                return;
            }
            sampleLags(head);
            Instant hourAgo = now.minus(Duration.ofHours(1));
            Instant dayAgo = now.minus(Duration.ofDays(1));
            holds.put("lt_1h", holdViews.countOpen(hourAgo, null));
            holds.put("1h_24h", holdViews.countOpen(dayAgo, hourAgo));
            holds.put("gt_24h", holdViews.countOpen(null, dayAgo));
            transfersInFlight = transferViews.countInFlight();
            flows.putAll(flowViews.inFlightCounts());
            sampledAt = now;
            fullSampleAt = now;
            lastHead = head;
        } catch (RuntimeException storeAway) {
            log.debug("sampling the ledger's gauges failed: {}", storeAway.toString());
        }
    }

    private void sampleLags(long head) {
        Instant now = clock.instant();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<Integer, EventTrackerStatus> status = streaming.processingStatus();
                if (status.isEmpty()) {
                    // no segment claimed here (another instance holds them): this instance has nothing to say
                    lags.put(name, new Lag(0, 0));
                    return;
                }
                EventTrackerStatus behind = null;
                long lowest = Long.MAX_VALUE;
                for (EventTrackerStatus segment : status.values()) {
                    OptionalLong position = segment.getCurrentPosition();
                    long at = position.isPresent() ? position.getAsLong() : 0;
                    if (at < lowest) {
                        lowest = at;
                        behind = segment;
                    }
                }
                long events = Math.max(0, head - lowest);
                double seconds = events == 0 ? 0 : oldestUnhandledAge(behind.getTrackingToken(), now);
                lags.put(name, new Lag(events, seconds));
            }
        });
        // a processor's queues are its processing groups' (the six views share read-models, each with its own queue)
        Map<String, Long> byProcessor = new HashMap<>();
        Set<String> groups = new LinkedHashSet<>(processing.eventProcessors().keySet());
        groups.addAll(ReadModelFailures.READ_MODEL_GROUPS);
        for (String group : groups) {
            processing.deadLetterQueue(group).ifPresent(queue -> processing.eventProcessorByProcessingGroup(group)
                    .ifPresent(processor -> byProcessor.merge(processor.getName(), queue.size(), Long::sum)));
        }
        parked.putAll(byProcessor);
    }

    private long headPosition() {
        TrackingToken head = engine.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** The age of the first event after the token: what the processor has waited longest to handle. */
    private double oldestUnhandledAge(TrackingToken token, Instant now) {
        TrackingToken from = token == null ? null : WrappedToken.unwrapLowerBound(token);
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(from, false)) {
            Optional<? extends TrackedEventMessage<?>> next = events.findFirst();
            return next.map(event -> Math.max(0, Duration.between(event.getTimestamp(), now).toMillis() / 1000.0)).orElse(0.0);
        }
    }

    public Map<String, Lag> lags() {
        return Map.copyOf(lags);
    }

    public Map<String, Long> parked() {
        return Map.copyOf(parked);
    }

    /** Open holds per age bucket ({@link #HOLD_AGES}). */
    public Map<String, Long> openHoldsByAge() {
        return Map.copyOf(holds);
    }

    /** Product flows not yet settled, per kind (withdrawals, trades, swaps, express buys). */
    public Map<String, Long> flowsInFlight() {
        return Map.copyOf(flows);
    }

    public long transfersInFlight() {
        return transfersInFlight;
    }

    public Optional<Instant> sampledAt() {
        return Optional.ofNullable(sampledAt);
    }
}
