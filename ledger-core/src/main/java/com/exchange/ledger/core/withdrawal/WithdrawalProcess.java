package com.exchange.ledger.core.withdrawal;

import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.process.ProductFlows;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.ReleaseHold;
import com.exchange.ledger.core.wallet.UnlockHold;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.ApproveWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.ConfirmWithdrawalFunds;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.RefuseWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.RejectWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.ResumeWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalApproved;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRejected;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Runs withdrawals: request → lock amount + fee → pending → approve (amount to external:withdrawals, fee to
 * system:fees) or reject (unlock).
 * <p>
 * The request's steps run in the caller's thread so it learns at once whether the funds were locked; a request
 * interrupted by a crash is picked up by {@link #resume}. A decision is first recorded on the {@link Withdrawal}
 * (once), then settled on the wallet by the caller and again by this class's event handlers in a tracking
 * processor, so a decision taken just before a crash is still settled; the wallet's operation keys make the second
 * settlement a no-op. The handlers' settlements go through {@link FollowUps}: a batch's are sent together (ADR 0018).
 */
@ProcessingGroup(ProductFlows.PROCESSING_GROUP)
public class WithdrawalProcess {

    private final CommandSender flows;
    private final WalletCommandGateway wallets;
    private final FollowUps followUps;

    public WithdrawalProcess(CommandSender flows, WalletCommandGateway wallets, FollowUps followUps) {
        this.flows = flows;
        this.wallets = wallets;
        this.followUps = followUps;
    }

    public WithdrawalState request(RequestWithdrawal command) {
        return lockFunds(flows.send(command));
    }

    /** Finishes a request left half-way (the funds lock not yet decided); a no-op on any other withdrawal. */
    public WithdrawalState resume(WithdrawalId id) {
        return lockFunds(flows.send(new ResumeWithdrawal(id)));
    }

    public WithdrawalState approve(ApproveWithdrawal command) {
        WithdrawalState state = flows.send(command);
        release(state.account(), state.withdrawalId(), state.fee());
        return state;
    }

    public WithdrawalState reject(RejectWithdrawal command) {
        WithdrawalState state = flows.send(command);
        unlock(state.account(), state.withdrawalId());
        return state;
    }

    private WithdrawalState lockFunds(WithdrawalState state) {
        if (state.status() != WithdrawalStatus.REQUESTED) {
            return state;
        }
        try {
            wallets.send(new LockFunds(state.account(), state.withdrawalId().holdId(), state.amount().plus(state.fee()),
                    "withdrawal " + state.withdrawalId().value()));
        } catch (LedgerRejection refused) {
            return flows.send(new RefuseWithdrawal(state.withdrawalId(), refused.code(), refused.getMessage()));
        }
        WithdrawalState after = flows.send(new ConfirmWithdrawalFunds(state.withdrawalId()));
        if (after.status() == WithdrawalStatus.REFUSED) {
            // a concurrent attempt saw the funds missing and refused first: the lock this one got goes back
            unlock(after.account(), after.withdrawalId());
        }
        return after;
    }

    @EventHandler
    void on(WithdrawalApproved approved) {
        followUps.send(() -> release(approved.account(), approved.withdrawalId(), approved.fee()));
    }

    @EventHandler
    void on(WithdrawalRejected rejected) {
        followUps.send(() -> unlock(rejected.account(), rejected.withdrawalId()));
    }

    private void release(AccountId account, WithdrawalId id, Money fee) {
        wallets.send(new ReleaseHold(account, id.holdId(), SystemAccount.WITHDRAWALS, fee));
    }

    private void unlock(AccountId account, WithdrawalId id) {
        wallets.send(new UnlockHold(account, id.holdId()));
    }
}
