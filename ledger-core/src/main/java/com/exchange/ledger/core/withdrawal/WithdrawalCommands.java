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

    /**
     * An admin's approval. {@code decidedBy} is who the caller says decided, {@code decidedByKeyName} the name of the
     * API key that sent the decision: the one the ledger vouches for.
     */
    public record ApproveWithdrawal(@TargetAggregateIdentifier WithdrawalId withdrawalId, String decidedBy, String decidedByKeyName,
                                    Instant decidedAt) {
        public ApproveWithdrawal(WithdrawalId withdrawalId, String decidedBy, Instant decidedAt) {
            this(withdrawalId, decidedBy, null, decidedAt);
        }
    }

    /** An admin's rejection; who decided as in {@link ApproveWithdrawal}. */
    public record RejectWithdrawal(@TargetAggregateIdentifier WithdrawalId withdrawalId, String reason, String decidedBy,
                                   String decidedByKeyName, Instant decidedAt) {
        public RejectWithdrawal(WithdrawalId withdrawalId, String reason, String decidedBy, Instant decidedAt) {
            this(withdrawalId, reason, decidedBy, null, decidedAt);
        }
    }

    /** Answers the withdrawal's state and changes nothing: how a process picks up a flow after a crash. */
    public record ResumeWithdrawal(@TargetAggregateIdentifier WithdrawalId withdrawalId) {
    }
}
