package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds money to a wallet's available balance, taken from a system account (a deposit, a payout, a correction). */
public record CreditAccount(@TargetAggregateIdentifier AccountId account, OperationId operationId, Money amount,
                            SystemAccount counterAccount, String reason) implements WalletCommand {

    public CreditAccount {
        Reasons.required(account, "account");
        Reasons.required(operationId, "operation id");
        Reasons.positive(amount, "amount");
        Reasons.required(counterAccount, "counter account");
        reason = Reasons.reason(reason);
    }

    @Override
    public String operationKey() {
        return FundsCredited.key(operationId);
    }

    @Override
    public boolean sameIntentAs(WalletEvent earlier) {
        return earlier instanceof FundsCredited e && e.amount().equals(amount)
                && e.counterAccount().equals(counterAccount) && e.reason().equals(reason);
    }
}
