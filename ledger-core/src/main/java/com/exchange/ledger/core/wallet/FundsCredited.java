package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;

import java.util.ArrayList;
import java.util.List;

/** Money arrived in the available balance from a system account. */
public record FundsCredited(AccountId account, OperationId operationId, Money amount, SystemAccount counterAccount,
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
        return List.of(Posting.wallet(account, Bucket.AVAILABLE, amount), Posting.system(counterAccount, amount.negate()));
    }
}
