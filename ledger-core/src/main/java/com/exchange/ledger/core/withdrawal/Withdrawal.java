package com.exchange.ledger.core.withdrawal;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.ApproveWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.ConfirmWithdrawalFunds;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.RefuseWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.RejectWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.ResumeWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalApproved;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalFundsLocked;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRefused;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRejected;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRequested;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One withdrawal, from request to its single settlement. Its money sits in a hold on the user's account
 * ({@link WithdrawalId#holdId()}); this aggregate decides what happens to the hold, exactly once: an approval and a
 * rejection racing each other are serialised here, and the loser is told the withdrawal is no longer pending.
 */
public class Withdrawal {

    @AggregateIdentifier
    private WithdrawalId id;
    private WithdrawalRequested request;
    private WithdrawalStatus status;
    private String decidedBy;
    private String decidedByKeyName;
    private Instant decidedAt;
    private String reason;
    private RejectionCode refusal;

    protected Withdrawal() {
        // for Axon
    }

    /** The first request records the withdrawal; the same request again answers its state, another one is a conflict. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WithdrawalState handle(RequestWithdrawal command) {
        if (request == null) {
            apply(new WithdrawalRequested(command.withdrawalId(), command.account(), command.amount(), command.fee(),
                    command.address(), command.requestedAt()));
        } else if (!command.sameRequestAs(request)) {
            throw LedgerRejection.of(RejectionCode.OPERATION_CONFLICT, "withdrawal %s was already requested with other details",
                    command.withdrawalId().value());
        }
        return state();
    }

    @CommandHandler
    public WithdrawalState handle(ResumeWithdrawal command) {
        return state();
    }

    @CommandHandler
    public WithdrawalState handle(ConfirmWithdrawalFunds command) {
        if (status == WithdrawalStatus.REQUESTED) {
            apply(new WithdrawalFundsLocked(id));
        }
        return state();
    }

    @CommandHandler
    public WithdrawalState handle(RefuseWithdrawal command) {
        if (status == WithdrawalStatus.REQUESTED) {
            apply(new WithdrawalRefused(id, command.code(), command.detail()));
        }
        return state();
    }

    @CommandHandler
    public WithdrawalState handle(ApproveWithdrawal command) {
        if (status == WithdrawalStatus.APPROVED) {
            return state();
        }
        requirePending();
        apply(new WithdrawalApproved(id, request.account(), request.fee(), command.decidedBy(), command.decidedAt(),
                command.decidedByKeyName()));
        return state();
    }

    @CommandHandler
    public WithdrawalState handle(RejectWithdrawal command) {
        if (status == WithdrawalStatus.REJECTED) {
            return state();
        }
        requirePending();
        apply(new WithdrawalRejected(id, request.account(), command.reason(), command.decidedBy(), command.decidedAt(),
                command.decidedByKeyName()));
        return state();
    }

    private void requirePending() {
        if (status != WithdrawalStatus.PENDING) {
            throw LedgerRejection.of(RejectionCode.WITHDRAWAL_NOT_PENDING, "withdrawal %s is %s, not pending",
                    id.value(), status.name().toLowerCase());
        }
    }

    @EventSourcingHandler
    void on(WithdrawalRequested event) {
        id = event.withdrawalId();
        request = event;
        status = WithdrawalStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(WithdrawalFundsLocked event) {
        status = WithdrawalStatus.PENDING;
    }

    @EventSourcingHandler
    void on(WithdrawalRefused event) {
        status = WithdrawalStatus.REFUSED;
        refusal = event.code();
        reason = event.detail();
    }

    @EventSourcingHandler
    void on(WithdrawalApproved event) {
        status = WithdrawalStatus.APPROVED;
        decidedBy = event.decidedBy();
        decidedByKeyName = event.decidedByKeyName();
        decidedAt = event.decidedAt();
    }

    @EventSourcingHandler
    void on(WithdrawalRejected event) {
        status = WithdrawalStatus.REJECTED;
        decidedBy = event.decidedBy();
        decidedByKeyName = event.decidedByKeyName();
        decidedAt = event.decidedAt();
        reason = event.reason();
    }

    WithdrawalState state() {
        return new WithdrawalState(id, request.account(), request.amount(), request.fee(), request.address(), status,
                request.requestedAt(), decidedBy, decidedAt, reason, refusal, decidedByKeyName);
    }
}
