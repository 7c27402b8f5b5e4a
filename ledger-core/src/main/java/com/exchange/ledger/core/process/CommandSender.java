package com.exchange.ledger.core.process;

/**
 * The port through which processes and policies send a command: as its own atomic append, waiting for its outcome.
 * <p>
 * The service's Axon wiring implements it (it retries a command that lost a race for its aggregate and keeps the
 * command out of any unit of work the caller is in, so a refusal reaches the caller and not some later commit); the
 * domain only says what to send.
 */
public interface CommandSender {

    /** The handler's result; a refusal ({@link com.exchange.ledger.core.shared.LedgerRejection}) or any other failure is thrown. */
    <R> R send(Object command);
}
