package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts a hold on available funds: they move to locked until the hold is released or unlocked. */
public record LockFunds(@TargetAggregateIdentifier AccountId account, HoldId holdId, Money amount, String reason)
        implements WalletCommand {

    public LockFunds {
        Reasons.required(account, "account");
        Reasons.required(holdId, "hold id");
        Reasons.positive(amount, "amount");
        reason = Reasons.reason(reason);
    }

    @Override
    public String operationKey() {
        return FundsLocked.key(holdId);
    }

    @Override
    public boolean sameIntentAs(WalletEvent earlier) {
        return earlier instanceof FundsLocked e && e.amount().equals(amount) && e.reason().equals(reason);
    }

    @Override
    public RejectionCode conflictCode() {
        return RejectionCode.HOLD_ALREADY_EXISTS;
    }
}
