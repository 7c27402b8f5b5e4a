package com.exchange.ledger.projections.eventstore;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Writes appends that arrive together as one group (ADR 0010), leader/follower style: an append that finds a write
 * stage free leads a group at once (a lone append never waits for company); appends that arrive while every stage is
 * busy queue, and when a stage frees, the queue's head leads the next group of whatever queued. A group holds whole
 * appends only, within the limits on events and bytes; an append of more than one event is a group of its own.
 * <p>
 * Two stages: {@code write} (one index allocation, one insert) runs for at most {@code writeStages} groups at once
 * (each group allocates its own indexes, as two instances' groups do: the tracking path keeps the indexes of a group
 * still writing as gaps); {@code durable} (the embedded store's file commit) runs once per group after its write stage
 * is free again, and every append of the group is answered only after it.
 */
final class GroupCommit {

    /** One appendEvents call: its outcome is its own, whatever the rest of its group does. */
    static final class Append {
        private static final int WAITING = 0;
        private static final int LEADING = 1;
        private static final int DONE = 2;

        final int events;
        final long bytes;
        final Object work;
        private final Thread thread = Thread.currentThread();
        private volatile int state = WAITING;
        /** The group this append leads, when a freed stage handed it one; null for a leader that gathers its own. */
        private List<Append> handedOver;
        private RuntimeException failure;

        Append(int events, long bytes, Object work) {
            this.events = events;
            this.bytes = bytes;
            this.work = work;
        }

        /** Marks this append refused; the rest of its group goes on. */
        void fail(RuntimeException failure) {
            if (this.failure == null) {
                this.failure = failure;
            }
        }

        boolean failed() {
            return failure != null;
        }

        RuntimeException failure() {
            return failure;
        }
    }

    private final int maxEvents;
    private final long maxBytes;
    private final long gatherNanos;
    private final int writeStages;
    private final Consumer<List<Append>> write;
    private final Runnable durable;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition filled = lock.newCondition();
    private final ArrayDeque<Append> queue = new ArrayDeque<>();
    private long queuedEvents;
    private long queuedBytes;
    /** Groups being gathered or written; who arrives while all stages are taken queues for the next one. */
    private int writing;

    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong appends = new AtomicLong();

    GroupCommit(int maxEvents, long maxBytes, long gatherMicros, int writeStages, Consumer<List<Append>> write, Runnable durable) {
        if (maxEvents < 1 || maxBytes < 1 || gatherMicros < 0 || writeStages < 1) {
            throw new IllegalArgumentException("group limits must be positive (events " + maxEvents + ", bytes " + maxBytes
                    + ", gather " + gatherMicros + " us, write stages " + writeStages + ")");
        }
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.gatherNanos = TimeUnit.MICROSECONDS.toNanos(gatherMicros);
        this.writeStages = writeStages;
        this.write = write;
        this.durable = durable;
    }

    /** Returns once the append is written and durable, or throws its own failure. */
    void append(Append append) {
        lock.lock();
        try {
            if (writing < writeStages) {
                // a free stage: lead at once (the queue is empty, else a freed stage would have handed it a group)
                writing++;
                append.state = Append.LEADING;
            } else {
                queue.addLast(append);
                queuedEvents += append.events;
                queuedBytes += append.bytes;
                if (full()) {
                    filled.signal();
                }
            }
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (append.state != Append.DONE) {
            if (append.state == Append.LEADING) {
                interrupted |= lead(append);
            } else {
                // its event may be in the store already: the outcome is waited for, not abandoned on interrupt
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (append.failure != null) {
            throw append.failure;
        }
    }

    /**
     * Writes and completes one group led by {@code first}: the group a freed stage handed it, or one it gathers now
     * (itself and what queued meanwhile). Returns whether it was interrupted.
     */
    private boolean lead(Append first) {
        boolean interrupted = false;
        List<Append> group;
        lock.lock();
        try {
            if (first.handedOver != null) {
                group = first.handedOver;
                first.handedOver = null;
            } else {
                long deadline = System.nanoTime() + gatherNanos;
                for (long left = gatherNanos; left > 0 && !full(); left = deadline - System.nanoTime()) {
                    try {
                        filled.awaitNanos(left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                group = new ArrayList<>(List.of(first));
                takeInto(group);
            }
        } finally {
            lock.unlock();
        }
        try {
            write.accept(group);
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            group.forEach(a -> a.fail(failure));
        } finally {
            handOver();
        }
        try {
            if (group.stream().anyMatch(a -> !a.failed())) {
                durable.run();
            }
        } catch (RuntimeException | Error e) {
            // written but not known durable: not acknowledged
            RuntimeException failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            group.forEach(a -> a.fail(failure));
        } finally {
            groups.incrementAndGet();
            appends.addAndGet(group.size());
            for (Append member : group) {
                member.state = Append.DONE;
                if (member.thread != Thread.currentThread()) {
                    LockSupport.unpark(member.thread);
                }
            }
        }
        return interrupted;
    }

    /** Adds to {@code group} from the head of the queue: whole appends, within the limits; an empty group takes one. */
    private void takeInto(List<Append> group) {
        long events = group.stream().mapToLong(a -> a.events).sum();
        long bytes = group.stream().mapToLong(a -> a.bytes).sum();
        while (!queue.isEmpty()) {
            Append next = queue.peekFirst();
            boolean alone = next.events > 1 || (!group.isEmpty() && group.get(0).events > 1);
            if (!group.isEmpty() && (alone || events + next.events > maxEvents || bytes + next.bytes > maxBytes)) {
                break;
            }
            queue.removeFirst();
            queuedEvents -= next.events;
            queuedBytes -= next.bytes;
            group.add(next);
            events += next.events;
            bytes += next.bytes;
        }
    }

    /** Frees this stage: to the next group of whatever queued, led by its first append, or for the next arrival. */
    private void handOver() {
        lock.lock();
        try {
            if (queue.isEmpty()) {
                writing--;
            } else {
                List<Append> next = new ArrayList<>();
                takeInto(next);
                Append leader = next.get(0);
                leader.handedOver = next;
                leader.state = Append.LEADING;
                LockSupport.unpark(leader.thread);
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean full() {
        return queuedEvents >= maxEvents || queuedBytes >= maxBytes;
    }

    /** How many groups were written, and how many appends they held: for tests and operators. */
    long groups() {
        return groups.get();
    }

    long appends() {
        return appends.get();
    }

    /** Appends queued behind the group being written (for tests that build a group on purpose). */
    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }
}
