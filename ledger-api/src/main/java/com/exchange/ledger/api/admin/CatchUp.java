package com.exchange.ledger.api.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/** Waits until tracking processors have handled every event up to a position of the store. */
public final class CatchUp {

    private CatchUp() {
    }

    /** The tracking processor of that name, else the one handling the processing group of that name. */
    public static TrackingEventProcessor processorOf(EventProcessingConfiguration processing, String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class)
                .or(() -> processing.eventProcessorByProcessingGroup(name, TrackingEventProcessor.class))
                .orElseThrow(() -> new IllegalStateException("no tracking processor " + name));
    }

    /** The lowest position any segment of the processor has reached. */
    public static long position(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(position -> position.orElse(0))
                .min().orElse(0);
    }

    /**
     * Blocks until the named processors (or the processors of the named processing groups) reached {@code head}, telling {@code progress} the slowest position every
     * {@code reportEvery}; fails after {@code timeout}.
     */
    public static void await(EventProcessingConfiguration processing, Iterable<String> processors, long head,
                             Duration timeout, Duration reportEvery, LongConsumer progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextReport = System.nanoTime() + reportEvery.toNanos();
        while (true) {
            long slowest = Long.MAX_VALUE;
            for (String name : processors) {
                TrackingEventProcessor processor = processorOf(processing, name);
                slowest = Math.min(slowest, processor.processingStatus().isEmpty() ? 0 : position(processor));
            }
            if (slowest >= head) {
                progress.accept(slowest);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("event processors did not reach position " + head + " within " + timeout);
            }
            if (System.nanoTime() > nextReport) {
                progress.accept(slowest);
                nextReport = System.nanoTime() + reportEvery.toNanos();
            }
            LockSupport.parkNanos(20_000_000L);
        }
    }
}
