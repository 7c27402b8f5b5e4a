package com.exchange.ledger.api.axon;

import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.shared.LedgerRejection;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The domain's {@link FollowUps} on Axon's processor batches (ADR 0018): the follow-ups of a batch are kept until its
 * last event has been handled, then sent concurrently, at most {@code maxInFlight} at a time over all processors, so
 * that their appends arrive together and ride the event store's group commit (ADR 0010). The batch's last event
 * waits for all of them: its token is stored only when every follow-up has succeeded or been refused and answered.
 * <p>
 * In two rounds: first every follow-up; if any failed for another reason than a refusal, the batch fails before any
 * refusal is answered, and its processor retries the whole batch (every follow-up is idempotent by its operation id,
 * so the ones that succeeded answer their first outcome). Only then the refusals' answers (a transfer's return),
 * again concurrently. A lone event is not delayed: its batch ends with it.
 * <p>
 * The sending runs in a handler interceptor registered on the processor ({@link #sendAtEndOfBatch}), which is also
 * what switches the batching on: a handler outside such a processor (a test, a caller's thread, a processor this was
 * not registered on) has its follow-ups sent at once, never kept for a batch end that would not come.
 */
public final class BatchedFollowUps implements FollowUps, AutoCloseable {

    /** A limit on everything: more concurrent commands than this only queue in the store's group commit. */
    public static final int MAX_IN_FLIGHT_LIMIT = 1024;

    private final String resourceKey = BatchedFollowUps.class.getName() + "@" + Integer.toHexString(System.identityHashCode(this));
    private final ThreadPoolExecutor senders;
    private final AtomicInteger largestBatch = new AtomicInteger();

    public BatchedFollowUps(int maxInFlight) {
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT_LIMIT) {
            throw new IllegalArgumentException("follow-ups in flight must be 1 to " + MAX_IN_FLIGHT_LIMIT + ", was " + maxInFlight);
        }
        AtomicInteger threads = new AtomicInteger();
        senders = new ThreadPoolExecutor(maxInFlight, maxInFlight, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            // named as Axon names its processors' threads: thread dumps and the benchmarks' store-command counts group them so
            Thread thread = new Thread(task, "EventProcessor[follow-ups]-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // an idle ledger keeps no sender threads
        senders.allowCoreThreadTimeOut(true);
    }

    @Override
    public void send(Runnable followUp, Consumer<LedgerRejection> onRefusal) {
        List<FollowUp> batch = keptForTheCurrentBatch();
        if (batch == null) {
            FollowUps.immediate().send(followUp, onRefusal);
        } else {
            batch.add(new FollowUp(followUp, onRefusal));
        }
    }

    /** Register on every processor whose handlers send follow-ups: sends a batch's follow-ups when its last event is handled. */
    public MessageHandlerInterceptor<EventMessage<?>> sendAtEndOfBatch() {
        return (unitOfWork, chain) -> {
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch)) {
                return chain.proceed();
            }
            List<FollowUp> kept = batch.getOrComputeResource(resourceKey, key -> new ArrayList<>());
            Object result = chain.proceed();
            if (batch.isLastMessage()) {
                List<FollowUp> all = List.copyOf(kept);
                kept.clear();
                sendAll(all);
            }
            return result;
        };
    }

    private List<FollowUp> keptForTheCurrentBatch() {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batch) {
            return batch.getResource(resourceKey);
        }
        return null;
    }

    /** Every follow-up, then every refusal's answer; throws the first failure (the others suppressed) once all have ended. */
    void sendAll(List<FollowUp> followUps) throws Exception {
        largestBatch.accumulateAndGet(followUps.size(), Math::max);
        if (followUps.size() == 1) {
            // nothing to overlap with: no hop to another thread
            FollowUps.immediate().send(followUps.get(0).followUp(), followUps.get(0).onRefusal());
            return;
        }
        List<CompletableFuture<LedgerRejection>> sent = new ArrayList<>(followUps.size());
        for (FollowUp followUp : followUps) {
            sent.add(CompletableFuture.supplyAsync(() -> {
                try {
                    followUp.followUp().run();
                    return null;
                } catch (LedgerRejection refused) {
                    return refused;
                }
            }, senders));
        }
        List<LedgerRejection> refusals = awaitAll(sent);
        List<CompletableFuture<LedgerRejection>> answered = new ArrayList<>();
        for (int i = 0; i < followUps.size(); i++) {
            LedgerRejection refused = refusals.get(i);
            if (refused != null) {
                Consumer<LedgerRejection> onRefusal = followUps.get(i).onRefusal();
                answered.add(CompletableFuture.supplyAsync(() -> {
                    onRefusal.accept(refused);
                    return null;
                }, senders));
            }
        }
        awaitAll(answered);
    }

    private static <T> List<T> awaitAll(List<CompletableFuture<T>> futures) throws Exception {
        List<T> results = new ArrayList<>(futures.size());
        Exception failure = null;
        for (CompletableFuture<T> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException failed) {
                Exception cause = failed.getCause() instanceof Exception e ? e : failed;
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
                results.add(null);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /** The most follow-ups one batch has sent together since the start: 1 means nothing has ridden together yet. */
    public int largestBatch() {
        return largestBatch.get();
    }

    @Override
    public void close() {
        senders.shutdown();
    }

    record FollowUp(Runnable followUp, Consumer<LedgerRejection> onRefusal) {
    }
}
