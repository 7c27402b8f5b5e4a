package com.exchange.ledger.core.shared;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact signed amount of one currency. Built through {@link Currency#amount} so its scale is the currency's;
 * the checks here are the ones that hold for every currency: at most 18 decimals and less than 10^16 in size,
 * which keeps every balance inside the 34 digits of MongoDB's Decimal128.
 */
public record Money(String currency, BigDecimal amount) implements Comparable<Money> {

    public static final int MAX_DECIMALS = 18;
    /** No balance may reach this: 16 integer digits plus 18 decimals fill Decimal128's 34 digits. */
    public static final BigDecimal BALANCE_LIMIT = BigDecimal.TEN.pow(16);
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]{1,9}");

    public Money {
        if (currency == null || !CODE.matcher(currency).matches()) {
            throw LedgerRejection.invalid(RejectionCode.UNKNOWN_CURRENCY, "currency", RuleViolation.Rule.UNKNOWN_CURRENCY, "currency code must be 2-10 upper-case letters or digits");
        }
        Objects.requireNonNull(amount, "amount");
        // decided on digits and exponent before the rescale below, which would expand 1e999999999 in full
        if (amount.scale() > MAX_DECIMALS || amount.abs().compareTo(BALANCE_LIMIT) >= 0) {
            throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, "amount", RuleViolation.Rule.AMOUNT_OUT_OF_RANGE, "amount %s of %s is out of range", Decimals.shown(amount), currency);
        }
        if (amount.scale() < 0) {
            amount = amount.setScale(0);
        }
    }

    public static Money zero(Currency currency) {
        return new Money(currency.code(), BigDecimal.ZERO.setScale(currency.decimals()));
    }

    @JsonIgnore
    public boolean isPositive() {
        return amount.signum() > 0;
    }

    @JsonIgnore
    public boolean isNegative() {
        return amount.signum() < 0;
    }

    @JsonIgnore
    public boolean isZero() {
        return amount.signum() == 0;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(currency, amount.add(other.amount));
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(currency, amount.subtract(other.amount));
    }

    public Money negate() {
        return new Money(currency, amount.negate());
    }

    public Money requirePositive(String what) {
        if (!isPositive()) {
            throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, what, RuleViolation.Rule.AMOUNT_MUST_BE_POSITIVE, "%s must be greater than zero, was %s", what, toPlainString());
        }
        return this;
    }

    public Money requireNotNegative(String what) {
        if (isNegative()) {
            throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, what, RuleViolation.Rule.AMOUNT_MUST_NOT_BE_NEGATIVE, "%s must not be negative, was %s", what, toPlainString());
        }
        return this;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw LedgerRejection.invalid(RejectionCode.CURRENCY_MISMATCH, "currency", RuleViolation.Rule.CURRENCY_MISMATCH, "cannot combine %s with %s", currency, other.currency);
        }
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    public String toPlainString() {
        return amount.toPlainString();
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
