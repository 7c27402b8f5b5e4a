package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;

import java.util.ArrayList;
import java.util.List;

/** Savings moved back to available. */
public record MovedFromSavings(AccountId account, OperationId operationId, Money amount, AccountBalances after)
        implements WalletEvent {

    static String key(OperationId id) {
        return "op:" + id;
    }

    @Override
    public String operationKey() {
        return key(operationId);
    }

    @Override
    public List<Posting> postings() {
        return List.of(Posting.wallet(account, Bucket.SAVINGS, amount.negate()), Posting.wallet(account, Bucket.AVAILABLE, amount));
    }
}
