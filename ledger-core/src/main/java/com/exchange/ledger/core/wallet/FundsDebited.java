package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;

import java.util.ArrayList;
import java.util.List;

/** Money left the available balance to a system account. */
public record FundsDebited(AccountId account, OperationId operationId, Money amount, SystemAccount counterAccount,
                           String reason, AccountBalances after) implements WalletEvent {

    static String key(OperationId id) {
        return "op:" + id;
    }

    @Override
    public String operationKey() {
        return key(operationId);
    }

    @Override
    public List<Posting> postings() {
        return List.of(Posting.wallet(account, Bucket.AVAILABLE, amount.negate()), Posting.system(counterAccount, amount));
    }
}
