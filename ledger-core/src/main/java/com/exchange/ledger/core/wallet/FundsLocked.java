package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;

import java.util.ArrayList;
import java.util.List;

/** A hold was put on available funds. */
public record FundsLocked(AccountId account, HoldId holdId, Money amount, String reason, AccountBalances after)
        implements WalletEvent {

    static String key(HoldId id) {
        return "hold:" + id;
    }

    @Override
    public String operationKey() {
        return key(holdId);
    }

    @Override
    public List<Posting> postings() {
        return List.of(Posting.wallet(account, Bucket.AVAILABLE, amount.negate()), Posting.wallet(account, Bucket.LOCKED, amount));
    }
}
