package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Settles a whole hold out of the exchange: the amount less the fee goes to {@code destination} (for a withdrawal,
 * {@code external:withdrawals}), the fee to {@code system:fees}.
 */
public record ReleaseHold(@TargetAggregateIdentifier AccountId account, HoldId holdId, SystemAccount destination, Money fee)
        implements WalletCommand {

    public ReleaseHold {
        Reasons.required(account, "account");
        Reasons.required(holdId, "hold id");
        Reasons.required(destination, "destination");
        if (destination.isTransit()) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "destination", RuleViolation.Rule.TRANSIT_ACCOUNT_NOT_ALLOWED, "a hold is released to a user with ReleaseHoldToAccount");
        }
        if (fee != null) {
            fee.requireNotNegative("fee");
        }
    }

    @Override
    public String operationKey() {
        return HoldReleased.key(holdId);
    }

    @Override
    public boolean sameIntentAs(WalletEvent earlier) {
        return earlier instanceof HoldReleased e && e.destination().equals(destination)
                && (fee == null ? e.fee().isZero() : e.fee().equals(fee));
    }

    @Override
    public RejectionCode conflictCode() {
        return RejectionCode.HOLD_ALREADY_SETTLED;
    }
}
