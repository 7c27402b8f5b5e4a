package com.exchange.ledger.core.swap;

import com.exchange.ledger.core.flow.FundedFlow;
import com.exchange.ledger.core.flow.Funding;
import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.process.ProductFlows;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.swap.SwapCommands.CompleteSwap;
import com.exchange.ledger.core.swap.SwapCommands.ConfirmSwapFunds;
import com.exchange.ledger.core.swap.SwapCommands.RefuseSwap;
import com.exchange.ledger.core.swap.SwapCommands.RequestSwap;
import com.exchange.ledger.core.swap.SwapCommands.ResumeSwap;
import com.exchange.ledger.core.swap.SwapEvents.SwapRefused;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.ReleaseHold;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.UnlockHold;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.util.Optional;

/**
 * Runs a swap, all or nothing, on the shared {@link FundedFlow}: lock the sold amount (with a fee in that currency)
 * → credit the bought amount from system:treasury (less a fee in that currency) → release the lock to
 * system:treasury (its fee to system:fees) → completed. A refused lock moves nothing; a refused credit gives the lock
 * back. Each step is an idempotent wallet command, so {@link #resume} — run for a swap a crash left half-way —
 * repeats the done steps harmlessly and finishes the rest.
 */
@ProcessingGroup(ProductFlows.PROCESSING_GROUP)
public class SwapProcess {

    /**
     * The sold amount (and a fee in that currency) in the hold {@code swap:<id>} until the bought side is credited. A
     * refusal recorded with the funds locked is not a lost race: {@link #exchange} gives that lock back.
     */
    private static final Funding<SwapState> SOLD_SIDE_LOCKED = new Funding<>(
            swap -> swap.status() == SwapStatus.REQUESTED,
            swap -> new LockFunds(swap.fromAccount(), swap.swapId().holdId(), swap.locked(), "swap " + swap.swapId().value()),
            swap -> new ConfirmSwapFunds(swap.swapId()),
            (swap, refusal) -> new RefuseSwap(swap.swapId(), refusal.code(), refusal.getMessage()),
            swap -> swap.status() == SwapStatus.REFUSED && !swap.fundsLocked() ? Optional.of(unlock(swap)) : Optional.empty());

    private final FundedFlow<SwapState> flow;

    public SwapProcess(CommandSender flows, WalletCommandGateway wallets, FollowUps followUps) {
        this.flow = new FundedFlow<>(flows, wallets, followUps, SOLD_SIDE_LOCKED);
    }

    public SwapState request(RequestSwap command) {
        return exchange(flow.start(command));
    }

    public SwapState resume(SwapId id) {
        return exchange(flow.start(new ResumeSwap(id)));
    }

    /** A refusal after the lock gives the lock back; done here again in case the refusing thread died before it. */
    @EventHandler
    void on(SwapRefused refused) {
        if (refused.fundsLocked()) {
            flow.settle(() -> unlock(flow.record(new ResumeSwap(refused.swapId()))));
        }
    }

    /** The swap's own step past its funding: the bought side credited, then the sold side released. */
    private SwapState exchange(SwapState funded) {
        SwapState current = funded;
        if (current.status() == SwapStatus.FUNDED) {
            current = creditThenRelease(current);
        }
        if (current.status() == SwapStatus.REFUSED && current.fundsLocked()) {
            flow.move(unlock(current));
        }
        return current;
    }

    private SwapState creditThenRelease(SwapState swap) {
        Money boughtFee = swap.feeInSoldCurrency() ? null : swap.fee();
        try {
            flow.move(new CreditAccount(swap.toAccount(), swap.swapId().creditId(), swap.toAmount(), SystemAccount.TREASURY,
                    "swap " + swap.swapId().value(), boughtFee));
        } catch (LedgerRejection refused) {
            return flow.refuse(swap, refused);
        }
        Money soldFee = swap.feeInSoldCurrency() ? swap.fee() : null;
        flow.move(new ReleaseHold(swap.fromAccount(), swap.swapId().holdId(), SystemAccount.TREASURY, soldFee));
        return flow.record(new CompleteSwap(swap.swapId()));
    }

    private static UnlockHold unlock(SwapState swap) {
        return new UnlockHold(swap.fromAccount(), swap.swapId().holdId());
    }
}
