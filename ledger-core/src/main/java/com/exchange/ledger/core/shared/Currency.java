package com.exchange.ledger.core.shared;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * A currency the ledger keeps, with the number of decimals an amount of it may have. Amounts are taken only when
 * they are exact at that precision: input with more decimals is rejected, never rounded.
 */
public record Currency(String code, int decimals) {

    /** The largest single amount accepted: a quadrillion units, far past any real movement. */
    public static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(15);
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,40}(\\.[0-9]{1,40})?");

    public Currency {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("currency code must be 2-10 upper-case letters or digits: " + code);
        }
        if (decimals < 0 || decimals > Money.MAX_DECIMALS) {
            throw new IllegalArgumentException("decimals of " + code + " must be 0-" + Money.MAX_DECIMALS + ": " + decimals);
        }
    }

    /**
     * An amount of this currency, scaled to its precision; rejects more decimals or an absurd size. Both are decided on
     * the number's digits and exponent before it is rescaled, so {@code 1e-999999999} costs no more than {@code 1}.
     */
    public Money amount(BigDecimal value) {
        if (value == null) {
            throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, "amount", RuleViolation.Rule.FIELD_REQUIRED, "amount of %s is missing", code);
        }
        if (value.precision() > Decimals.MAX_PRECISION) {
            throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, "amount", RuleViolation.Rule.AMOUNT_TOO_MANY_DIGITS, "amount of %s has more than %d digits", code, Decimals.MAX_PRECISION);
        }
        if (value.abs().compareTo(MAX_AMOUNT) >= 0) {
            throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, "amount", RuleViolation.Rule.AMOUNT_OUT_OF_RANGE, "amount of %s must be below %s", code, MAX_AMOUNT.toPlainString());
        }
        BigDecimal exact = value.stripTrailingZeros();
        if (exact.scale() > decimals) {
            throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, "amount", RuleViolation.Rule.AMOUNT_EXCEEDS_CURRENCY_DECIMALS,
                    "%s allows at most %d decimals, got %s", code, decimals, Decimals.shown(value));
        }
        return new Money(code, exact.setScale(decimals));
    }

    /** Parses a plain decimal string ({@code "0.00150000"}); no exponent, no spaces, no grouping. */
    public Money parse(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, "amount", RuleViolation.Rule.AMOUNT_NOT_DECIMAL, "amount of %s must be a plain decimal string like \"12.5\"", code);
        }
        return amount(new BigDecimal(text));
    }

    /** Same as {@link #amount} and additionally greater than zero. */
    public Money positiveAmount(BigDecimal value) {
        return amount(value).requirePositive("amount");
    }

    public Money zero() {
        return Money.zero(this);
    }
}
