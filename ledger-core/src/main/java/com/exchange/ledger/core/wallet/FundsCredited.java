package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Money arrived in the available balance from a system account: {@code amount} left the counter account, the wallet
 * got {@code amount - fee}, the fee went to system:fees. Events stored before fees existed have no fee: zero.
 */
public record FundsCredited(AccountId account, OperationId operationId, Money amount, SystemAccount counterAccount,
                            String reason, AccountBalances after, Money fee) implements WalletEvent {

    public FundsCredited {
        if (fee == null && amount != null) {
            fee = new Money(amount.currency(), BigDecimal.ZERO.setScale(amount.amount().scale()));
        }
    }

    /** A credit without a fee. */
    public FundsCredited(AccountId account, OperationId operationId, Money amount, SystemAccount counterAccount,
                         String reason, AccountBalances after) {
        this(account, operationId, amount, counterAccount, reason, after, null);
    }

    static String key(OperationId id) {
        return "op:" + id;
    }

    @Override
    public String operationKey() {
        return key(operationId);
    }

    /** What reached the wallet. */
    public Money credited() {
        return amount.minus(fee);
    }

    @Override
    public List<Posting> postings() {
        List<Posting> postings = new ArrayList<>(3);
        postings.add(Posting.wallet(account, Bucket.AVAILABLE, credited()));
        postings.add(Posting.system(counterAccount, amount.negate()));
        if (!fee.isZero()) {
            postings.add(Posting.system(SystemAccount.FEES, fee));
        }
        return postings;
    }
}
