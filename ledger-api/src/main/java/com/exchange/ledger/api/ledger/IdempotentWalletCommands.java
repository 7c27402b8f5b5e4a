package com.exchange.ledger.api.ledger;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.wallet.WalletCommand;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.core.process.IdClaimTakenException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The use case behind every wallet command a client sends (credits, debits, holds, transfers, savings moves): validate,
 * claim the caller's id, replay an earlier refusal of the same request, send, remember a refusal — so the same id and
 * body answers the same, a refusal too, and the same id with another body is 409 {@code OPERATION_CONFLICT}.
 * Controllers map HTTP onto it; they never run these steps themselves.
 */
@Service
public class IdempotentWalletCommands {

    /** Refusals that say the id is taken, not that this request broke a rule: never kept as the id's outcome. */
    private static final Set<RejectionCode> CONFLICTS = EnumSet.of(RejectionCode.OPERATION_CONFLICT, RejectionCode.HOLD_ALREADY_EXISTS);

    private final WalletCommandGateway commands;
    private final CurrencyTable currencies;
    private final IdDirectory ids;

    IdempotentWalletCommands(WalletCommandGateway commands, CurrencyTable currencies, IdDirectory ids) {
        this.commands = commands;
        this.currencies = currencies;
        this.ids = ids;
    }

    /** A command whose operation id the caller chose (credits, debits, savings moves, product flows' own commands). */
    public Mono<LedgerRequests.Outcome> execute(Supplier<WalletCommand> command, String operationId) {
        return run(command, IdDirectory.Kind.OPERATION, operationId);
    }

    /**
     * Validates and sends, off the event loop (a command waits for its durable append). The caller's id is claimed by
     * the command's own append ({@code kind} null: the id is already claimed, e.g. a hold being settled), so a first
     * request costs no look-up; only a refusal or a clash on the id reads the directory.
     */
    Mono<LedgerRequests.Outcome> run(Supplier<WalletCommand> command, IdDirectory.Kind kind, String operationId) {
        return Mono.fromCallable(() -> {
            WalletCommand validated = command.get();
            AccountBalances after = kind == null ? commands.send(validated) : sendClaiming(validated, kind, operationId);
            AccountId account = validated.account();
            int decimals = currencies.require(account.currency()).decimals();
            return new LedgerRequests.Outcome(operationId, account.user().value(), account.currency(),
                    plain(after.available(), decimals), plain(after.locked(), decimals), plain(after.savings(), decimals),
                    plain(after.total(), decimals));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private AccountBalances sendClaiming(WalletCommand validated, IdDirectory.Kind kind, String operationId) {
        String request = RequestFingerprint.of(validated);
        String legacyRequest = RequestFingerprint.legacy(validated);
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.send(validated, ids.claimBy(kind, operationId, validated.account()));
            } catch (LedgerRejection refused) {
                if (!CONFLICTS.contains(refused.code())) {
                    // throws the id's earlier outcome instead, when it had one
                    ids.recordRefusal(kind, operationId, validated.account(), request, legacyRequest, refused);
                }
                throw refused;
            } catch (IdClaimTakenException taken) {
                // another account holds the id (a conflict), or a refusal was recorded for it (the same one again)
                Optional<LedgerRejection> earlier = ids.whyClaimTaken(kind, operationId, validated.account(), request, legacyRequest);
                if (earlier.isPresent()) {
                    throw earlier.get();
                }
                if (attempt >= 2) {
                    // a claim given up and taken again while this request ran: a race the caller resolves by repeating
                    throw LedgerRejection.of(RejectionCode.OPERATION_CONFLICT, "%s id %s changed hands while this request ran; "
                            + "send it again", kind.name().toLowerCase(), operationId);
                }
                // the claim was given up between the append and the read (a released claim): once more
            }
        }
    }

    private static String plain(BigDecimal amount, int decimals) {
        return amount.setScale(decimals).toPlainString();
    }
}
