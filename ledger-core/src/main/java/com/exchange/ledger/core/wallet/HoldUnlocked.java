package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;

import java.util.ArrayList;
import java.util.List;

/** A hold ended and its funds went back to available. */
public record HoldUnlocked(AccountId account, HoldId holdId, Money amount, AccountBalances after) implements WalletEvent {

    /** Release and unlock share the key: the store itself makes a hold settle once. */
    static String key(HoldId id) {
        return "settle:" + id;
    }

    @Override
    public String operationKey() {
        return key(holdId);
    }

    @Override
    public List<Posting> postings() {
        return List.of(Posting.wallet(account, Bucket.LOCKED, amount.negate()), Posting.wallet(account, Bucket.AVAILABLE, amount));
    }
}
