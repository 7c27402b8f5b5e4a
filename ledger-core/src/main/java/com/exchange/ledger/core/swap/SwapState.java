package com.exchange.ledger.core.swap;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;

import java.math.BigDecimal;
import java.time.Instant;

/** A swap as its events left it. */
public record SwapState(SwapId swapId, AccountId fromAccount, AccountId toAccount, Money fromAmount, Money toAmount,
                        BigDecimal rate, Money fee, SwapStatus status, boolean fundsLocked, Instant requestedAt,
                        RejectionCode refusal, String refusalDetail) {

    /** What the sold side's hold locks: the amount, and the fee when it is paid in that currency. */
    public Money locked() {
        return feeInSoldCurrency() ? fromAmount.plus(fee) : fromAmount;
    }

    public boolean feeInSoldCurrency() {
        return fee.currency().equals(fromAmount.currency());
    }
}
