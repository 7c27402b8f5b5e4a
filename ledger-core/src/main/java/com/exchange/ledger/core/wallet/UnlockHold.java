package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a hold by returning its funds to available. */
public record UnlockHold(@TargetAggregateIdentifier AccountId account, HoldId holdId) implements WalletCommand {

    public UnlockHold {
        Reasons.required(account, "account");
        Reasons.required(holdId, "hold id");
    }

    @Override
    public String operationKey() {
        return HoldUnlocked.key(holdId);
    }

    @Override
    public boolean sameIntentAs(WalletEvent earlier) {
        return earlier instanceof HoldUnlocked;
    }

    @Override
    public RejectionCode conflictCode() {
        return RejectionCode.HOLD_ALREADY_SETTLED;
    }
}
