package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds money to a wallet's available balance, taken from a system account (a deposit, a payout, a correction, the
 * bought side of a swap). With a fee, the counter account gives {@code amount}, the wallet receives
 * {@code amount - fee} and the fee goes to system:fees: the fee a user pays on money coming in.
 */
public record CreditAccount(@TargetAggregateIdentifier AccountId account, OperationId operationId, Money amount,
                            SystemAccount counterAccount, String reason, Money fee) implements WalletCommand {

    public CreditAccount {
        Reasons.required(account, "account");
        Reasons.required(operationId, "operation id");
        Reasons.positive(amount, "amount");
        Reasons.required(counterAccount, "counter account");
        reason = Reasons.reason(reason);
        fee = Reasons.fee(fee, amount);
    }

    /** A credit without a fee. */
    public CreditAccount(AccountId account, OperationId operationId, Money amount, SystemAccount counterAccount, String reason) {
        this(account, operationId, amount, counterAccount, reason, null);
    }

    @Override
    public String operationKey() {
        return FundsCredited.key(operationId);
    }

    @Override
    public boolean sameIntentAs(WalletEvent earlier) {
        return earlier instanceof FundsCredited e && e.amount().equals(amount) && e.fee().equals(fee)
                && e.counterAccount().equals(counterAccount) && e.reason().equals(reason);
    }
}
