package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;

import java.util.ArrayList;
import java.util.List;

/** The receiving leg of a transfer: the money in transit arrived in the recipient's available balance. */
public record TransferReceived(AccountId account, TransferOrigin origin, TransferId transferId, AccountId sender,
                               Money amount, AccountBalances after) implements WalletEvent {

    static String key(TransferOrigin origin, AccountId sender, TransferId id) {
        return "receive:" + origin + ":" + sender + ":" + id;
    }

    @Override
    public String operationKey() {
        return key(origin, sender, transferId);
    }

    @Override
    public List<Posting> postings() {
        return List.of(Posting.wallet(account, Bucket.AVAILABLE, amount), Posting.system(SystemAccount.TRANSFERS_IN_FLIGHT, amount.negate()));
    }
}
