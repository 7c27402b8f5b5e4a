package com.exchange.ledger.api.axon;

import com.exchange.ledger.core.process.CommandSender;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * The domain's {@link CommandSender} on Axon: sends a command as its own atomic append and waits for it, retrying when
 * another writer appended to the same aggregate first (two instances, two requests on one account, a stale cache).
 * <p>
 * Inside another unit of work (an event processor's batch, when a policy sends) the command's unit would be nested:
 * its events appended only when the enclosing unit commits, so a refused repeat would fail there, after the sender
 * had been told it succeeded. Enclosing units are set aside while the command runs and put back afterwards.
 */
public final class AxonCommandSender implements CommandSender {

    private static final Logger log = LoggerFactory.getLogger(AxonCommandSender.class);
    /** A limit on everything: after this many lost races the failure is reported, not retried forever. */
    public static final int MAX_ATTEMPTS = 20;

    private final CommandGateway commandGateway;

    public AxonCommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /** The handler's result; a refusal or, after {@link #MAX_ATTEMPTS} lost races, the concurrency failure, is thrown. */
    @Override
    public <R> R send(Object command) {
        return send(command, Map.of());
    }

    /**
     * The meta-data rides on the command message and, through {@link IdClaimsWiring}, on the event the command appends.
     * The message is built after the enclosing units are set aside, so it carries nothing of theirs.
     */
    @Override
    public <R> R send(Object command, Map<String, String> metaData) {
        Deque<UnitOfWork<?>> enclosing = setAsideEnclosingUnitsOfWork();
        try {
            return sendWithRetries(metaData.isEmpty() ? command : GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
        } finally {
            enclosing.forEach(CurrentUnitOfWork::set);
        }
    }

    private <R> R sendWithRetries(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commandGateway.sendAndWait(command);
            } catch (ConcurrencyException | AggregateStreamCreationException concurrent) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw concurrent;
                }
                log.debug("concurrent append for {}, attempt {}", command instanceof CommandMessage<?> message
                        ? message.getPayloadType().getSimpleName() : command.getClass().getSimpleName(), attempt);
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(100_000L, 2_000_000L * attempt));
            }
        }
    }

    private static Deque<UnitOfWork<?>> setAsideEnclosingUnitsOfWork() {
        Deque<UnitOfWork<?>> enclosing = new ArrayDeque<>();
        while (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> current = CurrentUnitOfWork.get();
            CurrentUnitOfWork.clear(current);
            enclosing.push(current);
        }
        return enclosing;
    }
}
