package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves savings back to available. */
public record MoveFromSavings(@TargetAggregateIdentifier AccountId account, OperationId operationId, Money amount)
        implements WalletCommand {

    public MoveFromSavings {
        Reasons.required(account, "account");
        Reasons.required(operationId, "operation id");
        Reasons.positive(amount, "amount");
    }

    @Override
    public String operationKey() {
        return MovedFromSavings.key(operationId);
    }

    @Override
    public boolean sameIntentAs(WalletEvent earlier) {
        return earlier instanceof MovedFromSavings e && e.amount().equals(amount);
    }
}
