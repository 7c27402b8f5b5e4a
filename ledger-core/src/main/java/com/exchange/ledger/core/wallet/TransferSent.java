package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;

import java.util.ArrayList;
import java.util.List;

/** The sending leg of a transfer: amount left available; amount less fee is in transit, the fee went to system:fees. */
public record TransferSent(AccountId account, TransferId transferId, AccountId recipient, Money amount, Money fee,
                           AccountBalances after) implements WalletEvent {

    static String key(TransferId id) {
        return "send:" + id;
    }

    @Override
    public String operationKey() {
        return key(transferId);
    }

    public Money delivered() {
        return amount.minus(fee);
    }

    @Override
    public List<Posting> postings() {
        List<Posting> postings = new ArrayList<>(3);
        postings.add(Posting.wallet(account, Bucket.AVAILABLE, amount.negate()));
        postings.add(Posting.system(SystemAccount.TRANSFERS_IN_FLIGHT, delivered()));
        if (!fee.isZero()) {
            postings.add(Posting.system(SystemAccount.FEES, fee));
        }
        return postings;
    }
}
