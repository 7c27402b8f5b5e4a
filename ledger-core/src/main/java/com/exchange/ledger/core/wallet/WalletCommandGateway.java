package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.IdClaim;
import com.exchange.ledger.core.process.IdClaimTakenException;
import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.LedgerRejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

/**
 * Sends wallet commands with exactly-once effect and the first outcome on a repeat.
 * <p>
 * A command either appends its event or fails. When it fails, the operation log says whether the operation was
 * already done: if the earlier event is the same intent, its recorded balances are the answer; if the key was
 * used for something else, it is a conflict; otherwise the failure stands. The check costs a read only on the
 * failure path, so a first-time command on a warm account reads nothing. Concurrent appends to one account (two
 * instances, a stale cache) fail with a concurrency error, which the {@link CommandSender} retries against fresh state.
 */
public final class WalletCommandGateway {

    private static final Logger log = LoggerFactory.getLogger(WalletCommandGateway.class);

    private final CommandSender sender;
    private final OperationLog operationLog;

    public WalletCommandGateway(CommandSender sender, OperationLog operationLog) {
        this.sender = sender;
        this.operationLog = operationLog;
    }

    public AccountBalances send(WalletCommand command) {
        return send(command, Map.of());
    }

    /**
     * As {@link #send(WalletCommand)}, the command's event claiming {@code claim} (ADR 0021). A claim another owner
     * holds is thrown as {@link IdClaimTakenException}, without a look-up: it says the operation is not this account's.
     */
    public AccountBalances send(WalletCommand command, IdClaim claim) {
        return send(command, claim.metaData());
    }

    private AccountBalances send(WalletCommand command, Map<String, String> metaData) {
        try {
            return sender.send(command, metaData);
        } catch (RuntimeException failure) {
            IdClaimTakenException taken = claimTaken(failure);
            if (taken != null) {
                throw taken;
            }
            return resolve(command, failure);
        }
    }

    /** The claim refusal behind a failure, however the command bus wrapped it; null for any other failure. */
    private static IdClaimTakenException claimTaken(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IdClaimTakenException taken) {
                return taken;
            }
        }
        return null;
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
        // said in the caller's terms: their id, not the store's operation key or the Java name of the event
        String key = command.operationKey();
        throw LedgerRejection.of(command.conflictCode(), "the id %s was already used on %s for a different request",
                key.substring(key.indexOf(':') + 1), command.account());
    }
}
