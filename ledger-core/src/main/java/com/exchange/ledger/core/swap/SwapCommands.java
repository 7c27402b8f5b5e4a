package com.exchange.ledger.core.swap;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/** What a swap is told. */
public final class SwapCommands {

    /** A rate is a positive decimal with at most this many decimals and below {@link #MAX_RATE}. */
    public static final int MAX_RATE_DECIMALS = 18;
    public static final BigDecimal MAX_RATE = BigDecimal.TEN.pow(12);

    private SwapCommands() {
    }

    /**
     * Sell {@code fromAmount} for {@code fromAmount × rate} of {@code toCurrency}, rounded down to its precision (the
     * exchange keeps the sub-unit remainder, never the user's money: the user is quoted what is credited). The fee is
     * in either currency: in the sold one it is locked with the amount, in the bought one it is kept from the credit.
     */
    public record RequestSwap(@TargetAggregateIdentifier SwapId swapId, UserId user, Money fromAmount, Currency toCurrency,
                              BigDecimal rate, Money fee, Instant requestedAt) {
        public RequestSwap {
            Objects.requireNonNull(swapId, "swap id");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(toCurrency, "to currency");
            Objects.requireNonNull(requestedAt, "requested at");
            Objects.requireNonNull(fromAmount, "from amount").requirePositive("from_amount");
            Objects.requireNonNull(fee, "fee").requireNotNegative("fee");
            if (fromAmount.currency().equals(toCurrency.code())) {
                throw LedgerRejection.invalid(RejectionCode.SAME_ACCOUNT, "to_currency", RuleViolation.Rule.CURRENCIES_MUST_DIFFER, "a swap needs two different currencies");
            }
            if (rate == null || rate.signum() <= 0 || rate.compareTo(MAX_RATE) >= 0 || rate.stripTrailingZeros().scale() > MAX_RATE_DECIMALS) {
                throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "rate", RuleViolation.Rule.RATE_OUT_OF_RANGE, "rate must be a positive decimal below %s with at most %d decimals",
                        MAX_RATE.toPlainString(), MAX_RATE_DECIMALS);
            }
            if (!fee.currency().equals(fromAmount.currency()) && !fee.currency().equals(toCurrency.code())) {
                throw LedgerRejection.invalid(RejectionCode.CURRENCY_MISMATCH, "fee_currency", RuleViolation.Rule.CURRENCY_MISMATCH, "fee_currency must be %s or %s",
                        fromAmount.currency(), toCurrency.code());
            }
            Money toAmount = toAmount(fromAmount, rate, toCurrency);
            if (!toAmount.isPositive()) {
                throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, "from_amount", RuleViolation.Rule.AMOUNT_BELOW_SMALLEST_UNIT, "%s at rate %s buys less than the smallest unit of %s",
                        fromAmount, rate.toPlainString(), toCurrency.code());
            }
            if (fee.currency().equals(toCurrency.code()) && fee.compareTo(toAmount) >= 0) {
                throw LedgerRejection.invalid(RejectionCode.FEE_NOT_BELOW_AMOUNT, "fee", RuleViolation.Rule.FEE_MUST_BE_BELOW_AMOUNT, "fee %s must be below the %s bought",
                        fee, toAmount);
            }
        }

        public Money toAmount() {
            return toAmount(fromAmount, rate, toCurrency);
        }

        private static Money toAmount(Money fromAmount, BigDecimal rate, Currency toCurrency) {
            return toCurrency.amount(fromAmount.amount().multiply(rate).setScale(toCurrency.decimals(), RoundingMode.DOWN));
        }

        public AccountId fromAccount() {
            return new AccountId(user, fromAmount.currency());
        }

        public AccountId toAccount() {
            return new AccountId(user, toCurrency.code());
        }
    }

    public record ConfirmSwapFunds(@TargetAggregateIdentifier SwapId swapId) {
    }

    /** The sold side could not be locked, or the bought side could not be credited (the lock is then given back). */
    public record RefuseSwap(@TargetAggregateIdentifier SwapId swapId, RejectionCode code, String detail) {
    }

    /** Both sides moved. */
    public record CompleteSwap(@TargetAggregateIdentifier SwapId swapId) {
    }

    public record ResumeSwap(@TargetAggregateIdentifier SwapId swapId) {
    }
}
