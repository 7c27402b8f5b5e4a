package com.exchange.ledger.core.deposit;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/** What a deposit is told. */
public final class DepositCommands {

    private DepositCommands() {
    }

    /**
     * One callback of the gateway, signature already checked: the payment's status and what has arrived so far.
     * {@code received} is null when the status carries no amount; {@code reported} is the gateway's own text of it.
     */
    public record RecordPaymentNotification(@TargetAggregateIdentifier PaymentId paymentId, AccountId account, String status,
                                            Money received, String reported, Instant notifiedAt) {
        public RecordPaymentNotification {
            Objects.requireNonNull(paymentId, "payment id");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(notifiedAt, "notified at");
            if (received != null) {
                received.requireNotNegative("actually_paid");
            }
        }
    }

    /** A due credit could not be made (the wallet refused it): a person must look at the deposit. */
    public record FlagDepositForReview(@TargetAggregateIdentifier PaymentId paymentId, String reason) {
    }
}
