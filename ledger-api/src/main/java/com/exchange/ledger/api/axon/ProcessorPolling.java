package com.exchange.ledger.api.axon;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What an idle ledger asks its store (ADR 0011). The processors read through the event store's one shared producer,
 * which an append of this instance wakes at once; only events appended by another instance wait for its poll
 * ({@code poll-interval}, the bound on cross-instance latency). A processor with nothing to do waits {@code event-wait}
 * for events, then looks whether it should stop; it renews its token claim once per {@code claim-renewal}
 * ({@link PacedClaimRenewals}), well inside the claim's timeout ({@code claim-timeout}: how long a crashed instance's
 * segments stay blocked before another instance takes them). The wait is short because a stop gives a worker
 * {@link #WORKER_TERMINATION} to leave it: one interrupted in its wait cannot write its claim's release, and the
 * next instance on the store would wait out the claim timeout.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorPolling {

    /**
     * @param processors the tracking processors by name (the processing group's, or {@code read-models}): threads,
     *                   initial segments, batch
     * @param sharedReadModels the six views on one processor, {@code read-models} (ADR 0011); false gives each view
     *                         its own processor, as before
     * @param nodeId           who owns this instance's token claims: a name unique among live instances and stable across
     *                         restarts (a StatefulSet pod's name), so a restart takes its claims back at once; unset, the
     *                         embedded store's file, else Axon's {@code pid@host}
     */
    @ConfigurationProperties(prefix = "ledger.processing")
    public record Settings(@DefaultValue("2s") Duration pollInterval, @DefaultValue("1s") Duration eventWait,
                           @DefaultValue("10s") Duration claimRenewal, @DefaultValue("30s") Duration claimTimeout,
                           Map<String, Processor> processors, @DefaultValue("true") boolean sharedReadModels, String nodeId) {
        public Settings {
            if (nodeId != null && nodeId.length() > 200) {
                throw new IllegalArgumentException("ledger.processing.node-id must be at most 200 characters");
            }
            processors = processors == null ? Map.of() : Map.copyOf(processors);
            if (sharedReadModels) {
                Processor readModels = processors.get(ReadModelsProcessor.NAME);
                if (readModels != null && (readModels.threadCount() != 1
                        || (readModels.initialSegmentCount() != null && readModels.initialSegmentCount() != 1))) {
                    throw new IllegalArgumentException("ledger.processing.processors.read-models runs one thread on one segment:"
                            + " system_balances compares the tokens of one segment");
                }
            }
            if (claimRenewal.compareTo(claimTimeout.dividedBy(2)) > 0) {
                throw new IllegalArgumentException("ledger.processing.claim-renewal must be at most half the claim timeout, or claims lapse while idle");
            }
            if (eventWait.compareTo(WORKER_TERMINATION.dividedBy(2)) > 0 || eventWait.compareTo(claimRenewal) > 0) {
                throw new IllegalArgumentException("ledger.processing.event-wait must be at most " + WORKER_TERMINATION.dividedBy(2).toMillis()
                        + " ms and at most claim-renewal: a stop interrupts a longer wait, and the claim is not released");
            }
        }
    }

    /** One tracking processor; with no initial segment count it gets one segment per thread. */
    public record Processor(@DefaultValue("1") int threadCount, Integer initialSegmentCount, @DefaultValue("100") int batchSize) {
    }

    /** Axon's own event store bean (named as Axon names it), with the ledger's poll interval. */
    @Bean("eventBus")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                  Settings settings) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(settings.pollInterval().toMillis())
                .build();
    }

    /**
     * The tracking processors, each also waiting {@code event-wait} for events before it looks again. They are
     * configured here rather than under {@code axon.eventhandling.processors}: Axon captures a processor's settings
     * when that section registers it, with no way to add the wait.
     */
    @Bean
    ConfigurerModule trackingProcessorPolling(Settings settings, ReadModelsProcessor.OldViewTokens oldViewTokens) {
        Map<String, Processor> processors = new HashMap<>(settings.processors());
        if (settings.sharedReadModels()) {
            processors.putIfAbsent(ReadModelsProcessor.NAME, new Processor(1, 1, READ_MODELS_BATCH));
        }
        return configurer -> processors.forEach((name, p) -> configurer.eventProcessing()
                .registerTrackingEventProcessorConfiguration(name, c -> {
                    TrackingEventProcessorConfiguration configuration = TrackingEventProcessorConfiguration.forParallelProcessing(p.threadCount())
                            .andBatchSize(p.batchSize())
                            .andInitialSegmentsCount(p.initialSegmentCount() != null ? p.initialSegmentCount() : p.threadCount())
                            .andEventAvailabilityTimeout(settings.eventWait().toMillis(), TimeUnit.MILLISECONDS)
                            .andWorkerTerminationTimeout(WORKER_TERMINATION.toMillis(), TimeUnit.MILLISECONDS);
                    // its first token only: where the per-view processors had got to (an upgrade)
                    return ReadModelsProcessor.NAME.equals(name) && settings.sharedReadModels()
                            ? configuration.andInitialTrackingToken(oldViewTokens::initialToken) : configuration;
                }));
    }

    /** How long a stop waits for a worker before interrupting it (Axon's default, stated). */
    static final Duration WORKER_TERMINATION = Duration.ofSeconds(5);

    /** The batch of {@code read-models} when none is configured: the batch {@code wallets} had. */
    private static final int READ_MODELS_BATCH = 1000;
}
