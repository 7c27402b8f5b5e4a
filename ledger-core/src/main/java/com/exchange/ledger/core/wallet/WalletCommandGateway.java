package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.LedgerRejection;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends wallet commands with exactly-once effect and the first outcome on a repeat.
 * <p>
 * A command either appends its event or fails. When it fails, the operation log says whether the operation was
 * already done: if the earlier event is the same intent, its recorded balances are the answer; if the key was
 * used for something else, it is a conflict; otherwise the failure stands. The check costs a read only on the
 * failure path, so a first-time command on a warm account reads nothing. Concurrent appends to one account (two
 * instances, a stale cache) fail with a concurrency error and are retried here against fresh state.
 */
public final class WalletCommandGateway {

    private static final Logger log = LoggerFactory.getLogger(WalletCommandGateway.class);
    static final int MAX_ATTEMPTS = 20;

    private final CommandGateway commandGateway;
    private final OperationLog operationLog;

    public WalletCommandGateway(CommandGateway commandGateway, OperationLog operationLog) {
        this.commandGateway = commandGateway;
        this.operationLog = operationLog;
    }

    public AccountBalances send(WalletCommand command) {
        Deque<UnitOfWork<?>> enclosing = setAsideEnclosingUnitsOfWork();
        try {
            return sendAsOwnUnitOfWork(command);
        } finally {
            enclosing.forEach(CurrentUnitOfWork::set);
        }
    }

    /**
     * Inside another unit of work (an event processor's batch, when a policy sends) the command's unit would be
     * nested: its events appended only when the enclosing unit commits, so a refused repeat would fail there, after
     * this gateway had answered with an outcome that was never stored. Each wallet command is one atomic append of
     * its own, so enclosing units are set aside while it runs and put back afterwards, outermost first.
     */
    private static Deque<UnitOfWork<?>> setAsideEnclosingUnitsOfWork() {
        Deque<UnitOfWork<?>> enclosing = new ArrayDeque<>();
        while (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> current = CurrentUnitOfWork.get();
            CurrentUnitOfWork.clear(current);
            enclosing.push(current);
        }
        return enclosing;
    }

    private AccountBalances sendAsOwnUnitOfWork(WalletCommand command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commandGateway.sendAndWait(command);
            } catch (ConcurrencyException | AggregateStreamCreationException concurrent) {
                if (attempt >= MAX_ATTEMPTS) {
                    return resolve(command, concurrent);
                }
                log.debug("concurrent append on {}, attempt {}", command.account(), attempt);
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(100_000L, 2_000_000L * attempt));
            } catch (RuntimeException failure) {
                return resolve(command, failure);
            }
        }
    }

    private AccountBalances resolve(WalletCommand command, RuntimeException failure) {
        Optional<WalletEvent> earlier = operationLog.find(command.account(), command.operationKey());
        if (earlier.isEmpty()) {
            throw failure;
        }
        if (command.sameIntentAs(earlier.get())) {
            log.debug("repeated operation {} on {}: answering the first outcome", command.operationKey(), command.account());
            return earlier.get().after();
        }
        throw LedgerRejection.of(command.conflictCode(), "%s was already used on %s for a different %s",
                command.operationKey(), command.account(), earlier.get().getClass().getSimpleName());
    }
}
