package com.exchange.ledger.api.admin;

import org.axonframework.common.ProcessRetriesExhaustedException;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Stopping and starting a tracking processor as a rebuild needs it: only once its launch has settled, and never
 * leaving it unable to process again. Apart from {@link ProjectionRebuilds} because it works around Axon's
 * processor, not the ledger's views.
 */
final class ProcessorStops {

    private static final Logger log = LoggerFactory.getLogger(ProcessorStops.class);
    /** How long a processor gets to settle, to stop or to start again. */
    static final Duration SETTLE = Duration.ofSeconds(30);
    private static final long POLL_NANOS = 50_000_000L;

    private ProcessorStops() {
    }

    /**
     * Stops a processor whose launch has settled. Axon's TrackingEventProcessor, shut down while its worker launcher
     * is still claiming a segment, frees the segment without giving back the worker's thread slot (WorkerLauncher's
     * cleanUp), and after a start never claims again: a rebuild started just after the application (the command
     * line) waited forever for it. So the processor first gets a few seconds to claim and catch up, a shutdown is
     * repeated while the launcher still runs, and a lost slot is an error now rather than a wait without end.
     */
    static void stop(TrackingEventProcessor processor) {
        long began = System.nanoTime();
        long settleBy = began + SETTLE.toNanos();
        while (System.nanoTime() < settleBy && processor.isRunning() && !settled(processor)) {
            LockSupport.parkNanos(POLL_NANOS);
        }
        long settledAt = System.nanoTime();
        long deadline = settledAt + SETTLE.toNanos();
        while (true) {
            try {
                processor.shutDown();
                break;
            } catch (ProcessRetriesExhaustedException launcherStillRunning) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the " + processor.getName() + " processor did not stop within " + SETTLE);
                }
            }
        }
        if (processor.availableProcessorThreads() < processor.maxCapacity()) {
            throw new IllegalStateException("the " + processor.getName() + " processor lost a worker while stopping and would"
                    + " not process again: restart the service (or the command) and rebuild again");
        }
        log.info("stopped the {} processor for a rebuild: settled in {} ms, shut down in {} ms (status {})", processor.getName(),
                (settledAt - began) / 1_000_000, (System.nanoTime() - settledAt) / 1_000_000, processor.processingStatus());
    }

    /** Every segment this instance claimed is caught up or in error: its launcher is done. */
    private static boolean settled(TrackingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(s -> s.isCaughtUp() || s.isErrorState());
    }

    /** Starts a stopped processor, waiting while its last workers still wind down. */
    static void restart(TrackingEventProcessor processor) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            try {
                processor.start();
                return;
            } catch (IllegalStateException pendingShutdown) {
                if (System.nanoTime() > deadline) {
                    throw pendingShutdown;
                }
                LockSupport.parkNanos(POLL_NANOS);
            }
        }
    }
}
