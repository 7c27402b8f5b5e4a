package com.exchange.ledger.core.flow;

import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.wallet.WalletCommand;
import com.exchange.ledger.core.wallet.WalletCommandGateway;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The lifecycle every funded product flow shares: request → funds taken or refused → confirmed → a decision, settled
 * exactly once. One instance per flow kind, held by its process; {@code S} is the flow's state.
 * <p>
 * Exactly once comes from two halves: the flow's aggregate records a step at most once (a repeat answers its state,
 * a concurrent other step is refused or ignored), and every money move is a wallet command idempotent by its
 * operation key. So a step repeated (by a retry, by {@code resume} after a crash, by the event handler after the
 * caller) finishes what was left and moves no money twice.
 */
public final class FundedFlow<S> {

    private final CommandSender flows;
    private final WalletCommandGateway wallets;
    private final FollowUps followUps;
    private final Funding<S> funding;

    public FundedFlow(CommandSender flows, WalletCommandGateway wallets, FollowUps followUps, Funding<S> funding) {
        this.flows = Objects.requireNonNull(flows, "flows");
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.followUps = Objects.requireNonNull(followUps, "follow-ups");
        this.funding = Objects.requireNonNull(funding, "funding");
    }

    /**
     * Sends a request (or a resume: a command that only answers the flow's state), then funds the flow if it still
     * waits for its funds. In the caller's thread, so the caller learns at once whether the funds were taken; a
     * request a crash interrupted is finished by resuming it.
     */
    public S start(Object requestOrResume) {
        S state = flows.send(requestOrResume);
        if (!funding.awaitsFunds().test(state)) {
            return state;
        }
        try {
            wallets.send(funding.fund().apply(state));
        } catch (LedgerRejection refused) {
            return refuse(state, refused);
        }
        S confirmed = flows.send(funding.confirm().apply(state));
        // a concurrent attempt found the funds missing and refused first: what this one took goes back
        funding.giveBack().apply(confirmed).ifPresent(wallets::send);
        return confirmed;
    }

    /** Records a refusal on the flow: it ends there. */
    public S refuse(S state, LedgerRejection refusal) {
        return flows.send(funding.refuse().apply(state, refusal));
    }

    /** Sends a command to the flow's aggregate that moves no money of its own. */
    public S record(Object command) {
        return flows.send(command);
    }

    /** A money move of the flow's own beyond its funding (a swap's exchange); a refusal is thrown. */
    public void move(WalletCommand command) {
        wallets.send(command);
    }

    /**
     * Records a decision on the flow's aggregate, then settles it in the caller's thread, so the caller sees the money
     * moved. The same decision again answers the state and settles again, harmlessly; another decision on a settled
     * flow is refused by the aggregate. The event handler settles it once more ({@link #settle}): a decision taken
     * just before a crash is still carried out.
     */
    public S decide(Object decision, Function<? super S, ? extends WalletCommand> settlement) {
        return decide(decision, state -> true, settlement);
    }

    /** As {@link #decide(Object, Function)}, settling only a flow the decision left {@code settled}. */
    public S decide(Object decision, Predicate<? super S> settled, Function<? super S, ? extends WalletCommand> settlement) {
        S state = flows.send(decision);
        if (settled.test(state)) {
            wallets.send(settlement.apply(state));
        }
        return state;
    }

    /**
     * The event handler's half of a settlement: sent through {@link FollowUps}, so a processor batch's settlements go
     * together and its position is stored only once all of them have succeeded (ADR 0018). A refusal fails the
     * batch, which its processor retries: a decided flow must settle.
     */
    public void settle(Supplier<? extends WalletCommand> settlement) {
        followUps.send(() -> wallets.send(settlement.get()));
    }
}
