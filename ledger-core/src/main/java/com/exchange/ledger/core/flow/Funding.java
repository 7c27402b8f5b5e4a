package com.exchange.ledger.core.flow;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.wallet.WalletCommand;

import java.util.Optional;

/**
 * What one product flow says about its funds; {@link FundedFlow} does the rest. {@code S} is the flow's state: what
 * every command of its aggregate answers.
 */
public interface Funding<S> {

    /** Whether the flow still waits for its funds: the only state in which {@link FundedFlow} asks the wallet for them. */
    boolean awaitsFunds(S state);

    /**
     * The wallet command that funds the flow: a lock of what the payer owes, or the credit the flow exists for. Like
     * every wallet command it is idempotent by its operation key, so a repeated attempt takes the funds once.
     */
    WalletCommand fund(S state);

    /** The flow's command that records the funds: the flow goes on (or, with nothing left to move, is done). */
    Object confirm(S state);

    /** The flow's command that records why the funds could not be had: the flow ends, having moved nothing. */
    Object refuse(S state, LedgerRejection refusal);

    /**
     * What gives back the funds this attempt took when its confirmation lost the race to a concurrent attempt's
     * refusal ({@code confirmed} is what the confirmation answered); empty when there is nothing to give back.
     */
    Optional<WalletCommand> giveBack(S confirmed);
}
