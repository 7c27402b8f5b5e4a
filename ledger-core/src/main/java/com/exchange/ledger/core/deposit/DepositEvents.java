package com.exchange.ledger.core.deposit;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;

import java.time.Instant;

/** What happens to a deposit. */
public final class DepositEvents {

    private DepositEvents() {
    }

    /** A callback, as the gateway sent it (the record auditors ask for); repeats of the last one are not recorded again. */
    public record PaymentNotificationRecorded(PaymentId paymentId, AccountId account, String status, Money received,
                                              String reported, Instant notifiedAt) {
    }

    /**
     * More has arrived than was credited: credit number {@code creditNumber} of {@code amount} brings the deposit's
     * credited total to {@code creditedTotal}. The deposit policy makes the wallet credit, exactly once.
     */
    public record DepositCreditDue(PaymentId paymentId, AccountId account, int creditNumber, Money amount, Money creditedTotal) {
    }

    /** Something the ledger will not decide alone (a lower amount than credited, another user or currency). */
    public record DepositReviewRequired(PaymentId paymentId, String reason) {
    }
}
