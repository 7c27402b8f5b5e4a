package com.exchange.ledger.api.ledger;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.wallet.WalletCommand;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
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
     * Validates, claims the caller's id ({@code kind} null: the id is already claimed, e.g. a hold being settled) and
     * sends, off the event loop (a command waits for its durable append).
     */
    Mono<LedgerRequests.Outcome> run(Supplier<WalletCommand> command, IdDirectory.Kind kind, String operationId) {
        return Mono.fromCallable(() -> {
            WalletCommand validated = command.get();
            String request = RequestFingerprint.of(validated);
            if (kind != null && !ids.claim(kind, operationId, validated.account())) {
                // a repeat: the id was claimed before, perhaps by a request the ledger refused
                Optional<LedgerRejection> earlier = ids.earlierRefusal(kind, operationId, request, RequestFingerprint.legacy(validated));
                if (earlier.isPresent()) {
                    throw earlier.get();
                }
            }
            AccountBalances after;
            try {
                after = commands.send(validated);
            } catch (LedgerRejection refused) {
                if (kind != null && !CONFLICTS.contains(refused.code())) {
                    ids.recordRefusal(kind, operationId, validated.account(), request, refused);
                }
                throw refused;
            }
            AccountId account = validated.account();
            int decimals = currencies.require(account.currency()).decimals();
            return new LedgerRequests.Outcome(operationId, account.user().value(), account.currency(),
                    plain(after.available(), decimals), plain(after.locked(), decimals), plain(after.savings(), decimals),
                    plain(after.total(), decimals));
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static String plain(BigDecimal amount, int decimals) {
        return amount.setScale(decimals).toPlainString();
    }
}
