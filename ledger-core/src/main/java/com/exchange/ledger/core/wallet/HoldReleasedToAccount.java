package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;

import java.util.ArrayList;
import java.util.List;

/** A hold was settled towards another user: amount less fee is in transit until the recipient receives it. */
public record HoldReleasedToAccount(AccountId account, HoldId holdId, Money amount, Money fee, AccountId recipient,
                                    AccountBalances after) implements WalletEvent {

    static String key(HoldId id) {
        return HoldUnlocked.key(id);
    }

    @Override
    public String operationKey() {
        return key(holdId);
    }

    public Money delivered() {
        return amount.minus(fee);
    }

    @Override
    public List<Posting> postings() {
        List<Posting> postings = new ArrayList<>(3);
        postings.add(Posting.wallet(account, Bucket.LOCKED, amount.negate()));
        postings.add(Posting.system(SystemAccount.TRANSFERS_IN_FLIGHT, delivered()));
        if (!fee.isZero()) {
            postings.add(Posting.system(SystemAccount.FEES, fee));
        }
        return postings;
    }
}
