package com.exchange.ledger.core.deposit;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;

import java.time.Instant;

/** What happens to a deposit. */
public final class DepositEvents {

    private DepositEvents() {
    }

    /** Everything that can happen to a deposit: a switch over it is exhaustive; StoredTypes names each one. */
    public sealed interface DepositEvent permits PaymentNotificationRecorded, DepositCreditDue, DepositReviewRequired {

        PaymentId paymentId();
    }

    /**
     * A callback, as the gateway sent it (the record auditors ask for), with what it decided: the credit it made due,
     * or why it sent the deposit to review, or neither. One event, so a callback is recorded with its effect or not at
     * all (a command's effect is one event: ADR 0002). Repeats of the last callback are not recorded again. Stores
     * written before 2026-12 hold the decision as a separate {@link DepositCreditDue} or {@link DepositReviewRequired}
     * after this event, with both fields here null; they replay to the same state.
     *
     * @param creditDue    the credit this callback made due, or null
     * @param reviewReason why this callback sent the deposit to review, or null
     */
    public record PaymentNotificationRecorded(PaymentId paymentId, AccountId account, String status, Money received,
                                              String reported, Instant notifiedAt, DepositCreditDue creditDue,
                                              String reviewReason) implements DepositEvent {

        /** A callback recorded with no decision of its own (another status, the same amount as credited). */
        public static PaymentNotificationRecorded only(PaymentId paymentId, AccountId account, String status, Money received,
                                                       String reported, Instant notifiedAt) {
            return new PaymentNotificationRecorded(paymentId, account, status, received, reported, notifiedAt, null, null);
        }
    }

    /**
     * More has arrived than was credited: credit number {@code creditNumber} of {@code amount} brings the deposit's
     * credited total to {@code creditedTotal}. The deposit policy makes the wallet credit, exactly once. Written as an
     * event of its own only by stores before 2026-12; since then it travels inside {@link PaymentNotificationRecorded}.
     */
    public record DepositCreditDue(PaymentId paymentId, AccountId account, int creditNumber, Money amount, Money creditedTotal) implements DepositEvent {
    }

    /** Something the ledger will not decide alone (a lower amount than credited, another user or currency). */
    public record DepositReviewRequired(PaymentId paymentId, String reason) implements DepositEvent {
    }
}
