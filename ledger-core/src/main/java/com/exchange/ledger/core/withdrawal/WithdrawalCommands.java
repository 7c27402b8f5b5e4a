package com.exchange.ledger.core.withdrawal;

import com.exchange.ledger.core.shared.RejectionCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The steps of a withdrawal after its request; each is idempotent on the aggregate. */
public final class WithdrawalCommands {

    private WithdrawalCommands() {
    }

    /** The funds are locked: the withdrawal waits for an admin. */
    public record ConfirmWithdrawalFunds(@TargetAggregateIdentifier WithdrawalId withdrawalId) {
    }

    /** The funds could not be locked: the withdrawal ends here, having moved nothing. */
    public record RefuseWithdrawal(@TargetAggregateIdentifier WithdrawalId withdrawalId, RejectionCode code, String detail) {
    }

    public record ApproveWithdrawal(@TargetAggregateIdentifier WithdrawalId withdrawalId, String decidedBy, Instant decidedAt) {
    }

    public record RejectWithdrawal(@TargetAggregateIdentifier WithdrawalId withdrawalId, String reason, String decidedBy,
                                   Instant decidedAt) {
    }

    /** Answers the withdrawal's state and changes nothing: how a process picks up a flow after a crash. */
    public record ResumeWithdrawal(@TargetAggregateIdentifier WithdrawalId withdrawalId) {
    }
}
