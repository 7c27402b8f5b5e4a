package com.exchange.ledger.core.expressbuy;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Identifiers;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/** What an express-buy order is told. */
public final class ExpressBuyCommands {

    private ExpressBuyCommands() {
    }

    /**
     * A confirmed fiat payment ({@code paymentRef}) buys {@code amount} of crypto from system:treasury; the exchange
     * keeps {@code fee} of it (to system:fees) and the user receives {@code amount - fee}. The fiat side is recorded, not
     * booked: fiat is settled outside the ledger.
     */
    public record PlaceExpressBuy(@TargetAggregateIdentifier OrderId orderId, AccountId account, Money fiatAmount,
                                  Money amount, Money fee, String paymentRef, Instant placedAt) {
        public PlaceExpressBuy {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(placedAt, "placed at");
            Objects.requireNonNull(fiatAmount, "fiat amount").requirePositive("fiat_amount");
            Objects.requireNonNull(amount, "amount").requirePositive("amount");
            Objects.requireNonNull(fee, "fee").requireNotNegative("fee");
            Identifiers.require("payment_ref", paymentRef);
            if (!amount.currency().equals(account.currency()) || !fee.currency().equals(account.currency())) {
                throw LedgerRejection.invalid(RejectionCode.CURRENCY_MISMATCH, "currency", RuleViolation.Rule.CURRENCY_MISMATCH, "amount and fee must be in %s", account.currency());
            }
            if (fee.compareTo(amount) >= 0) {
                throw LedgerRejection.invalid(RejectionCode.FEE_NOT_BELOW_AMOUNT, "fee", RuleViolation.Rule.FEE_MUST_BE_BELOW_AMOUNT, "fee %s must be below the amount %s",
                        fee.toPlainString(), amount.toPlainString());
            }
        }
    }

    public record CompleteExpressBuy(@TargetAggregateIdentifier OrderId orderId) {
    }

    public record RefuseExpressBuy(@TargetAggregateIdentifier OrderId orderId, RejectionCode code, String detail) {
    }

    public record ResumeExpressBuy(@TargetAggregateIdentifier OrderId orderId) {
    }
}
