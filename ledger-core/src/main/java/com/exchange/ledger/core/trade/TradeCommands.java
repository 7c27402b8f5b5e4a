package com.exchange.ledger.core.trade;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** What a P2P trade is told. Every step is idempotent on the aggregate. */
public final class TradeCommands {

    /** The shortest and longest escrow a trade may ask for. */
    public static final Duration MIN_EXPIRY = Duration.ofSeconds(1);
    public static final Duration MAX_EXPIRY = Duration.ofDays(30);

    private TradeCommands() {
    }

    /** The seller's amount goes into escrow until the trade completes, is cancelled or expires. */
    public record OpenTrade(@TargetAggregateIdentifier TradeId tradeId, AccountId seller, AccountId buyer, Money amount,
                            Money fee, Instant openedAt, Instant expiresAt) {
        public OpenTrade {
            Objects.requireNonNull(tradeId, "trade id");
            Objects.requireNonNull(seller, "seller");
            Objects.requireNonNull(buyer, "buyer");
            Objects.requireNonNull(openedAt, "opened at");
            Objects.requireNonNull(expiresAt, "expires at");
            Objects.requireNonNull(amount, "amount").requirePositive("amount");
            Objects.requireNonNull(fee, "fee").requireNotNegative("fee");
            if (seller.user().equals(buyer.user())) {
                throw LedgerRejection.invalid(RejectionCode.SAME_ACCOUNT, "buyer_id", RuleViolation.Rule.ACCOUNTS_MUST_DIFFER, "seller and buyer must be different users");
            }
            if (!seller.currency().equals(buyer.currency()) || !amount.currency().equals(seller.currency())
                    || !fee.currency().equals(seller.currency())) {
                throw LedgerRejection.invalid(RejectionCode.CURRENCY_MISMATCH, "currency", RuleViolation.Rule.CURRENCY_MISMATCH, "amount and fee must be in %s", seller.currency());
            }
            if (fee.compareTo(amount) >= 0) {
                throw LedgerRejection.invalid(RejectionCode.FEE_NOT_BELOW_AMOUNT, "fee", RuleViolation.Rule.FEE_MUST_BE_BELOW_AMOUNT, "fee %s must be below the amount %s",
                        fee.toPlainString(), amount.toPlainString());
            }
            Duration escrow = Duration.between(openedAt, expiresAt);
            if (escrow.compareTo(MIN_EXPIRY) < 0 || escrow.compareTo(MAX_EXPIRY) > 0) {
                throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "expires_in_seconds", RuleViolation.Rule.EXPIRY_OUT_OF_RANGE, "a trade must expire between %d seconds and %d days after it opens",
                        MIN_EXPIRY.toSeconds(), MAX_EXPIRY.toDays());
            }
        }
    }

    public record ConfirmTradeFunds(@TargetAggregateIdentifier TradeId tradeId) {
    }

    public record RefuseTrade(@TargetAggregateIdentifier TradeId tradeId, RejectionCode code, String detail) {
    }

    /** The buyer paid: the escrow goes to the buyer less the fee. Refused once the trade's expiry has passed. */
    public record CompleteTrade(@TargetAggregateIdentifier TradeId tradeId, Instant at) {
    }

    /** The parties called it off: the escrow returns to the seller. */
    public record CancelTrade(@TargetAggregateIdentifier TradeId tradeId, Instant at) {
    }

    /** The ledger's own cancellation of a trade still open at its expiry; a no-op on any other trade. */
    public record ExpireTrade(@TargetAggregateIdentifier TradeId tradeId, Instant at) {
    }

    public record ResumeTrade(@TargetAggregateIdentifier TradeId tradeId) {
    }
}
