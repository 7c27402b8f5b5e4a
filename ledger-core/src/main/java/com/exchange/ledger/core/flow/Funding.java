package com.exchange.ledger.core.flow;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.wallet.WalletCommand;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What one product flow says about its funds; {@link FundedFlow} does the rest. {@code S} is the flow's state: what
 * every command of its aggregate answers.
 *
 * @param awaitsFunds whether the flow still waits for its funds: the only state in which the wallet is asked for them
 * @param fund        the wallet command that funds the flow: a lock of what the payer owes, or the credit the flow
 *                    exists for; idempotent by its operation key like every wallet command, so a repeated attempt
 *                    takes the funds once
 * @param confirm     the flow's command that records the funds: the flow goes on (or, nothing left to move, is done)
 * @param refuse      the flow's command that records why the funds could not be had: the flow ends, having moved
 *                    nothing
 * @param giveBack    given what the confirmation answered, what gives back the funds this attempt took when the
 *                    confirmation lost the race to a concurrent attempt's refusal; empty when there is nothing to give
 */
public record Funding<S>(Predicate<? super S> awaitsFunds, Function<? super S, ? extends WalletCommand> fund,
                         Function<? super S, ?> confirm, BiFunction<? super S, LedgerRejection, ?> refuse,
                         Function<? super S, Optional<WalletCommand>> giveBack) {

    public Funding {
        Objects.requireNonNull(awaitsFunds, "awaits funds");
        Objects.requireNonNull(fund, "fund");
        Objects.requireNonNull(confirm, "confirm");
        Objects.requireNonNull(refuse, "refuse");
        Objects.requireNonNull(giveBack, "give back");
    }
}
