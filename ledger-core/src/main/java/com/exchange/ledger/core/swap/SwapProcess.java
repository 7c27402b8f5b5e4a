package com.exchange.ledger.core.swap;

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
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.ReleaseHold;
import com.exchange.ledger.core.wallet.UnlockHold;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.core.swap.SwapEvents.SwapRefused;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Runs a swap, all or nothing: lock the sold amount (with a fee in that currency) → credit the bought amount from
 * system:treasury (less a fee in that currency) → release the lock to system:treasury (its fee to system:fees) →
 * completed. A refused lock moves nothing; a refused credit gives the lock back. Each step is an idempotent wallet
 * command, so {@link #resume} — run for a swap a crash left half-way — repeats the done steps harmlessly and
 * finishes the rest.
 */
@ProcessingGroup(ProductFlows.PROCESSING_GROUP)
public class SwapProcess {

    private final CommandSender flows;
    private final WalletCommandGateway wallets;
    private final FollowUps followUps;

    public SwapProcess(CommandSender flows, WalletCommandGateway wallets, FollowUps followUps) {
        this.flows = flows;
        this.wallets = wallets;
        this.followUps = followUps;
    }

    public SwapState request(RequestSwap command) {
        return run(flows.send(command));
    }

    public SwapState resume(SwapId id) {
        return run(flows.send(new ResumeSwap(id)));
    }

    /** A refusal after the lock gives the lock back; done here again in case the refusing thread died before it. */
    @EventHandler
    void on(SwapRefused refused) {
        if (refused.fundsLocked()) {
            followUps.send(() -> {
                SwapState state = flows.send(new ResumeSwap(refused.swapId()));
                wallets.send(new UnlockHold(state.fromAccount(), state.swapId().holdId()));
            });
        }
    }

    private SwapState run(SwapState state) {
        SwapState current = state;
        if (current.status() == SwapStatus.REQUESTED) {
            current = lockSoldSide(current);
        }
        if (current.status() == SwapStatus.FUNDED) {
            current = exchange(current);
        }
        if (current.status() == SwapStatus.REFUSED && current.fundsLocked()) {
            wallets.send(new UnlockHold(current.fromAccount(), current.swapId().holdId()));
        }
        return current;
    }

    private SwapState lockSoldSide(SwapState state) {
        try {
            wallets.send(new LockFunds(state.fromAccount(), state.swapId().holdId(), state.locked(), "swap " + state.swapId().value()));
        } catch (LedgerRejection refused) {
            return flows.send(new RefuseSwap(state.swapId(), refused.code(), refused.getMessage()));
        }
        SwapState after = flows.send(new ConfirmSwapFunds(state.swapId()));
        if (after.status() == SwapStatus.REFUSED && !after.fundsLocked()) {
            // refused by a concurrent attempt before this lock was confirmed: give this lock back
            wallets.send(new UnlockHold(after.fromAccount(), after.swapId().holdId()));
        }
        return after;
    }

    private SwapState exchange(SwapState state) {
        Money boughtFee = state.feeInSoldCurrency() ? null : state.fee();
        try {
            wallets.send(new CreditAccount(state.toAccount(), state.swapId().creditId(), state.toAmount(), SystemAccount.TREASURY,
                    "swap " + state.swapId().value(), boughtFee));
        } catch (LedgerRejection refused) {
            return flows.send(new RefuseSwap(state.swapId(), refused.code(), refused.getMessage()));
        }
        Money soldFee = state.feeInSoldCurrency() ? state.fee() : null;
        wallets.send(new ReleaseHold(state.fromAccount(), state.swapId().holdId(), SystemAccount.TREASURY, soldFee));
        return flows.send(new CompleteSwap(state.swapId()));
    }
}
