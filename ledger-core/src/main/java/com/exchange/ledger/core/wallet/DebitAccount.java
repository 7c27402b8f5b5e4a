package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes money from a wallet's available balance to a system account. */
public record DebitAccount(@TargetAggregateIdentifier AccountId account, OperationId operationId, Money amount,
                           SystemAccount counterAccount, String reason) implements WalletCommand {

    public DebitAccount {
        Reasons.required(account, "account");
        Reasons.required(operationId, "operation id");
        Reasons.positive(amount, "amount");
        Reasons.required(counterAccount, "counter account");
        reason = Reasons.reason(reason);
    }

    @Override
    public String operationKey() {
        return FundsDebited.key(operationId);
    }

    @Override
    public boolean sameIntentAs(WalletEvent earlier) {
        return earlier instanceof FundsDebited e && e.amount().equals(amount)
                && e.counterAccount().equals(counterAccount) && e.reason().equals(reason);
    }
}
