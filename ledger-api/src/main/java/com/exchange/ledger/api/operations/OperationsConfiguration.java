package com.exchange.ledger.api.operations;

import com.exchange.ledger.projections.audit.Reconciler;
import com.exchange.ledger.projections.flows.FlowQueries;
import com.exchange.ledger.projections.holds.OpenHoldsQueries;
import com.exchange.ledger.projections.transfers.TransfersQueries;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The ledger's meters, health components and schedules. The interceptors are registered here, not declared as beans,
 * so Axon's interceptor auto-configuration does not register them a second time.
 */
@Configuration(proxyBeanMethods = false)
public class OperationsConfiguration {

    @Bean
    LedgerSampler ledgerSampler(EventProcessingConfiguration processing, EventStorageEngine engine, FlowQueries flowViews,
                                OpenHoldsQueries holdViews, TransfersQueries transferViews, MeterRegistry registry) {
        return new LedgerSampler(processing, engine, flowViews, holdViews, transferViews, registry, Clock.systemUTC());
    }

    @Bean
    ScheduledReconciliation scheduledReconciliation(Reconciler reconciler, MeterRegistry registry,
                                                    @Value("${ledger.reconciliation.stuck-after:24h}") Duration stuckAfter) {
        return new ScheduledReconciliation(reconciler, stuckAfter, registry, Clock.systemUTC());
    }

    @Bean
    LedgerHealthIndicator ledgerHealthIndicator(LedgerSampler sampler, ScheduledReconciliation reconciliation,
                                                @Value("${ledger.health.max-lag:5m}") Duration maxLag) {
        return new LedgerHealthIndicator(sampler, reconciliation, maxLag);
    }

    @Bean
    OperationsOverview operationsOverview(LedgerSampler sampler, ScheduledReconciliation reconciliation) {
        return new OperationsOverview(sampler, reconciliation);
    }

    @Bean
    StoreHealthIndicator storeHealthIndicator(com.mongodb.reactivestreams.client.MongoDatabase reactiveLedgerDatabase,
                                              @Value("${ledger.health.store-timeout:2s}") Duration timeout) {
        return new StoreHealthIndicator(reactiveLedgerDatabase, timeout);
    }

    @Bean
    OperationsSchedule operationsSchedule(CommandBus commandBus, EventStore eventStore, MeterRegistry registry,
                                          LedgerSampler sampler, ScheduledReconciliation reconciliation,
                                          @Value("${ledger.metrics.sample-interval:10s}") Duration sampleInterval,
                                          @Value("${ledger.reconciliation.interval:0s}") Duration reconciliationInterval) {
        return new OperationsSchedule(commandBus, eventStore, registry, sampler, reconciliation, sampleInterval, reconciliationInterval);
    }

    /**
     * Registers the interceptors and runs the sampler and the reconciliation on a thread of their own, so a store
     * that does not answer delays only them. A reconciliation interval of zero turns the schedule off.
     */
    static final class OperationsSchedule implements SmartLifecycle {

        private final CommandBus commandBus;
        private final EventStore eventStore;
        private final MeterRegistry registry;
        private final LedgerSampler sampler;
        private final ScheduledReconciliation reconciliation;
        private final Duration sampleInterval;
        private final Duration reconciliationInterval;
        private final List<Registration> registrations = new ArrayList<>();
        private ScheduledExecutorService executor;

        OperationsSchedule(CommandBus commandBus, EventStore eventStore, MeterRegistry registry, LedgerSampler sampler,
                           ScheduledReconciliation reconciliation, Duration sampleInterval, Duration reconciliationInterval) {
            this.commandBus = commandBus;
            this.eventStore = eventStore;
            this.registry = registry;
            this.sampler = sampler;
            this.reconciliation = reconciliation;
            this.sampleInterval = sampleInterval;
            this.reconciliationInterval = reconciliationInterval;
            // registered at construction, before Axon starts its processors and the web server takes requests
            registrations.add(commandBus.registerHandlerInterceptor(new CommandMetrics(registry)));
            registrations.add(eventStore.registerDispatchInterceptor(new AppendMetrics(registry)));
        }

        @Override
        public synchronized void start() {
            executor = Executors.newScheduledThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "ledger-operations");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(sampler::sample, 0, sampleInterval.toMillis(), TimeUnit.MILLISECONDS);
            if (!reconciliationInterval.isZero() && !reconciliationInterval.isNegative()) {
                executor.scheduleWithFixedDelay(reconciliation::run, reconciliationInterval.toMillis(),
                        reconciliationInterval.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public synchronized void stop() {
            if (executor != null) {
                executor.shutdownNow();
                executor = null;
            }
            registrations.forEach(Registration::cancel);
            registrations.clear();
        }

        @Override
        public synchronized boolean isRunning() {
            return executor != null;
        }
    }
}
