package com.exchange.ledger.core.process;

import java.util.Map;

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

    /**
     * Sends the command with meta-data the infrastructure acts on (an id the command's event claims across the
     * ledger, ADR 0021). A sender that cannot carry meta-data refuses it rather than dropping it.
     */
    default <R> R send(Object command, Map<String, String> metaData) {
        if (!metaData.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot send meta-data " + metaData.keySet());
        }
        return send(command);
    }
}
