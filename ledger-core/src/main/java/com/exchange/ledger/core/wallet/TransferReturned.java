package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;

import java.util.ArrayList;
import java.util.List;

/** A transfer the recipient refused came back: the money in transit and the fee returned to the sender. */
public record TransferReturned(AccountId account, TransferOrigin origin, TransferId transferId, Money amount, Money fee,
                               String reason, AccountBalances after) implements WalletEvent {

    static String key(TransferOrigin origin, TransferId id) {
        return "return:" + origin + ":" + id;
    }

    @Override
    public String operationKey() {
        return key(origin, transferId);
    }

    @Override
    public List<Posting> postings() {
        List<Posting> postings = new ArrayList<>(3);
        postings.add(Posting.wallet(account, Bucket.AVAILABLE, amount.plus(fee)));
        postings.add(Posting.system(SystemAccount.TRANSFERS_IN_FLIGHT, amount.negate()));
        if (!fee.isZero()) {
            postings.add(Posting.system(SystemAccount.FEES, fee.negate()));
        }
        return postings;
    }
}
