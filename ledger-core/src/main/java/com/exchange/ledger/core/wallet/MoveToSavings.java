package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves available funds into the account's savings. */
public record MoveToSavings(@TargetAggregateIdentifier AccountId account, OperationId operationId, Money amount)
        implements WalletCommand {

    public MoveToSavings {
        Reasons.required(account, "account");
        Reasons.required(operationId, "operation id");
        Reasons.positive(amount, "amount");
    }

    @Override
    public String operationKey() {
        return MovedToSavings.key(operationId);
    }

    @Override
    public boolean sameIntentAs(WalletEvent earlier) {
        return earlier instanceof MovedToSavings e && e.amount().equals(amount);
    }
}
