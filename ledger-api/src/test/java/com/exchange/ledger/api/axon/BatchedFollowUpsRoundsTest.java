package com.exchange.ledger.api.axon;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rounds of a batch's follow-ups (ADR 0018), without a processor: the bound, the order of refusals, failures. */
@DisplayName("BatchedFollowUps: the rounds of one batch")
class BatchedFollowUpsRoundsTest {

    static final int IN_FLIGHT = 4;
    final BatchedFollowUps followUps = new BatchedFollowUps(IN_FLIGHT);
    final List<String> happened = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void close() {
        followUps.close();
    }

    static LedgerRejection refusal() {
        return LedgerRejection.of(RejectionCode.BALANCE_LIMIT_EXCEEDED, "an account balance must stay below the limit");
    }

    BatchedFollowUps.FollowUp followUp(Runnable step, String name) {
        return new BatchedFollowUps.FollowUp(() -> {
            step.run();
            happened.add("sent " + name);
        }, refused -> happened.add("answered " + name));
    }

    @Test
    @DisplayName("outside a processor's batch a follow-up is sent at once, in the caller's thread, and its refusal answered")
    void outsideABatchAtOnce() {
        Thread caller = Thread.currentThread();
        followUps.send(() -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            throw refusal();
        }, refused -> happened.add("answered " + refused.code()));

        assertThat(happened).containsExactly("answered BALANCE_LIMIT_EXCEEDED");
    }

    @Test
    @DisplayName("a batch's follow-ups run concurrently, exactly max-in-flight at a time")
    void boundedConcurrency() throws Exception {
        // each follow-up waits for IN_FLIGHT - 1 others: fewer at once would time out, more would break the count
        CyclicBarrier together = new CyclicBarrier(IN_FLIGHT);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<BatchedFollowUps.FollowUp> batch = IntStream.range(0, 5 * IN_FLIGHT).mapToObj(i -> followUp(() -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                together.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("fewer than " + IN_FLIGHT + " follow-ups ran at once", e);
            } finally {
                running.decrementAndGet();
            }
        }, "f" + i)).toList();

        followUps.sendAll(batch);

        assertThat(most.get()).isEqualTo(IN_FLIGHT);
        assertThat(happened).hasSize(5 * IN_FLIGHT).allMatch(entry -> entry.startsWith("sent "));
        assertThat(followUps.largestBatch()).isEqualTo(5 * IN_FLIGHT);
    }

    @Test
    @DisplayName("refusals are answered only after every follow-up of the batch has ended")
    void refusalsAnsweredLast() throws Exception {
        List<BatchedFollowUps.FollowUp> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            boolean refused = i % 4 == 1;
            batch.add(followUp(() -> {
                if (refused) {
                    throw refusal();
                }
            }, "f" + i));
        }

        followUps.sendAll(batch);

        assertThat(happened.stream().filter(entry -> entry.startsWith("answered "))).containsExactlyInAnyOrder("answered f1", "answered f5", "answered f9");
        int lastSent = -1;
        int firstAnswered = Integer.MAX_VALUE;
        for (int i = 0; i < happened.size(); i++) {
            if (happened.get(i).startsWith("sent ")) {
                lastSent = i;
            } else {
                firstAnswered = Math.min(firstAnswered, i);
            }
        }
        assertThat(lastSent).isLessThan(firstAnswered);
    }

    @Test
    @DisplayName("a failure other than a refusal fails the batch once every follow-up has ended, and no refusal is answered")
    void failureBeforeAnyAnswer() {
        List<BatchedFollowUps.FollowUp> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            batch.add(followUp(() -> {
                if (n == 3) {
                    throw new IllegalStateException("store unreachable");
                }
                if (n == 6) {
                    throw refusal();
                }
            }, "f" + i));
        }

        assertThatThrownBy(() -> followUps.sendAll(batch)).isInstanceOf(IllegalStateException.class).hasMessage("store unreachable");

        assertThat(happened).hasSize(8).allMatch(entry -> entry.startsWith("sent ")).doesNotContain("sent f3", "sent f6");
    }
}
