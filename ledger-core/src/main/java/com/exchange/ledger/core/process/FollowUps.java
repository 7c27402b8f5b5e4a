package com.exchange.ledger.core.process;

import com.exchange.ledger.core.shared.LedgerRejection;

import java.util.function.Consumer;

/**
 * The port through which an event handler carries out what an event calls for (a second leg, a settlement): the
 * handler says what to send and what to do if it is refused, the service decides when.
 * <p>
 * Handling a processor's batch, the service may send the follow-ups of the whole batch together, concurrently, once
 * its last event has been handled, and store the batch's position only when every one of them has succeeded (ADR
 * 0018). So a follow-up must be idempotent (an operation id) and must not depend on another follow-up of the same
 * batch having run first. Its refusal handler runs only once every follow-up of the batch has either succeeded or
 * been refused: a batch that fails for another reason is retried before anything gives in on a refusal.
 */
public interface FollowUps {

    /**
     * Sends {@code followUp}; if it is refused, {@code onRefusal} runs with the refusal. Any other failure (and a
     * failing {@code onRefusal}) fails the event, or the batch, which its processor then retries.
     */
    void send(Runnable followUp, Consumer<LedgerRejection> onRefusal);

    /** Sends {@code followUp}; a refusal is a failure like any other. */
    default void send(Runnable followUp) {
        send(followUp, refused -> {
            throw refused;
        });
    }

    /** Every follow-up at once, in the handler's thread: outside a processor (tests, a caller's own thread). */
    static FollowUps immediate() {
        return (followUp, onRefusal) -> {
            try {
                followUp.run();
            } catch (LedgerRejection refused) {
                onRefusal.accept(refused);
            }
        };
    }
}
