package com.exchange.ledger.core.withdrawal;

import com.exchange.ledger.core.flow.FundedFlow;
import com.exchange.ledger.core.flow.Funding;
import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.process.ProductFlows;
import com.exchange.ledger.core.shared.AccountId;
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

import java.util.Optional;

/**
 * Runs withdrawals on the shared {@link FundedFlow}: request → lock amount + fee → pending → approve (amount to
 * external:withdrawals, fee to system:fees) or reject (unlock). The request's steps run in the caller's thread so it
 * learns at once whether the funds were locked; {@link #resume} finishes one a crash interrupted. A decision is first
 * recorded on the {@link Withdrawal} (once), then settled by the caller and again by this class's event handlers.
 */
@ProcessingGroup(ProductFlows.PROCESSING_GROUP)
public class WithdrawalProcess {

    /** Amount + fee in the hold {@code withdrawal:<id>} while an admin decides. */
    private static final Funding<WithdrawalState> AMOUNT_AND_FEE_LOCKED = new Funding<>(
            withdrawal -> withdrawal.status() == WithdrawalStatus.REQUESTED,
            withdrawal -> new LockFunds(withdrawal.account(), withdrawal.withdrawalId().holdId(), withdrawal.amount().plus(withdrawal.fee()),
                    "withdrawal " + withdrawal.withdrawalId().value()),
            withdrawal -> new ConfirmWithdrawalFunds(withdrawal.withdrawalId()),
            (withdrawal, refusal) -> new RefuseWithdrawal(withdrawal.withdrawalId(), refusal.code(), refusal.getMessage()),
            withdrawal -> withdrawal.status() == WithdrawalStatus.REFUSED
                    ? Optional.of(unlock(withdrawal.account(), withdrawal.withdrawalId())) : Optional.empty());

    private final FundedFlow<WithdrawalState> flow;

    public WithdrawalProcess(CommandSender flows, WalletCommandGateway wallets, FollowUps followUps) {
        this.flow = new FundedFlow<>(flows, wallets, followUps, AMOUNT_AND_FEE_LOCKED);
    }

    public WithdrawalState request(RequestWithdrawal command) {
        return flow.start(command);
    }

    /** Finishes a request left half-way (the funds lock not yet decided); a no-op on any other withdrawal. */
    public WithdrawalState resume(WithdrawalId id) {
        return flow.start(new ResumeWithdrawal(id));
    }

    public WithdrawalState approve(ApproveWithdrawal command) {
        return flow.decide(command, withdrawal -> release(withdrawal.account(), withdrawal.withdrawalId(), withdrawal.fee()));
    }

    public WithdrawalState reject(RejectWithdrawal command) {
        return flow.decide(command, withdrawal -> unlock(withdrawal.account(), withdrawal.withdrawalId()));
    }

    @EventHandler
    void on(WithdrawalApproved approved) {
        flow.settle(() -> release(approved.account(), approved.withdrawalId(), approved.fee()));
    }

    @EventHandler
    void on(WithdrawalRejected rejected) {
        flow.settle(() -> unlock(rejected.account(), rejected.withdrawalId()));
    }

    private static ReleaseHold release(AccountId account, WithdrawalId id, Money fee) {
        return new ReleaseHold(account, id.holdId(), SystemAccount.WITHDRAWALS, fee);
    }

    private static UnlockHold unlock(AccountId account, WithdrawalId id) {
        return new UnlockHold(account, id.holdId());
    }
}
