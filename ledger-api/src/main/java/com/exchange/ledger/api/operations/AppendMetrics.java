package com.exchange.ledger.api.operations;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Appends to the event store, observed from Axon's side rather than inside the storage engine: the events a unit of
 * work publishes are appended in its prepare-commit step, so the time from the first prepare-commit handler (this
 * one, registered before the event bus queues its own) to the commit step is the append. One unit of work is one
 * append; its events are its group.
 */
public final class AppendMetrics implements MessageDispatchInterceptor<EventMessage<?>> {

    public static final String TIMER = "ledger.appends";
    public static final String GROUP_SIZE = "ledger.append.events";
    private static final String RESOURCE = AppendMetrics.class.getName();

    private final Timer stored;
    private final Timer failed;
    private final DistributionSummary groupSize;

    public AppendMetrics(MeterRegistry registry) {
        this.stored = Timer.builder(TIMER).description("appends to the event store").tag("outcome", "stored")
                .publishPercentileHistogram().register(registry);
        this.failed = Timer.builder(TIMER).description("appends to the event store").tag("outcome", "failed")
                .publishPercentileHistogram().register(registry);
        this.groupSize = DistributionSummary.builder(GROUP_SIZE).description("events in one append")
                .register(registry);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            int[] events = root.getOrComputeResource(RESOURCE, key -> track(root));
            events[0] += messages.size();
        }
        return (index, message) -> message;
    }

    private int[] track(UnitOfWork<?> unitOfWork) {
        int[] events = {0};
        long[] start = {0};
        unitOfWork.onPrepareCommit(u -> start[0] = System.nanoTime());
        unitOfWork.onCommit(u -> {
            stored.record(System.nanoTime() - start[0], TimeUnit.NANOSECONDS);
            groupSize.record(events[0]);
        });
        unitOfWork.onRollback(u -> {
            if (start[0] != 0) {
                failed.record(System.nanoTime() - start[0], TimeUnit.NANOSECONDS);
            }
        });
        return events;
    }
}
