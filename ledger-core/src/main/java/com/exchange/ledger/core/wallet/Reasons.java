package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;

import java.util.Objects;

/** Field checks shared by the wallet commands. */
final class Reasons {

    static final int MAX_REASON_LENGTH = 200;

    private Reasons() {
    }

    static String reason(String reason) {
        String value = reason == null ? "" : reason;
        if (value.length() > MAX_REASON_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "reason",
                    value.length() > MAX_REASON_LENGTH ? RuleViolation.Rule.TOO_LONG : RuleViolation.Rule.CONTROL_CHARACTERS_NOT_ALLOWED,
                    "reason must be at most %d characters without control characters", MAX_REASON_LENGTH);
        }
        return value;
    }

    static Money positive(Money amount, String what) {
        return required(amount, what).requirePositive(what);
    }

    static <T> T required(T value, String what) {
        if (value == null) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, what, RuleViolation.Rule.FIELD_REQUIRED, "%s is missing", what);
        }
        return value;
    }

    /** A fee is taken out of the amount: it may be zero, never negative, and must leave something to deliver. */
    static Money fee(Money fee, Money amount) {
        Money value = fee == null ? new Money(amount.currency(), java.math.BigDecimal.ZERO.setScale(amount.amount().scale())) : fee;
        value.requireNotNegative("fee");
        if (!Objects.equals(value.currency(), amount.currency())) {
            throw LedgerRejection.invalid(RejectionCode.CURRENCY_MISMATCH, "fee", RuleViolation.Rule.CURRENCY_MISMATCH, "fee must be in %s", amount.currency());
        }
        if (value.compareTo(amount) >= 0) {
            throw LedgerRejection.invalid(RejectionCode.FEE_NOT_BELOW_AMOUNT, "fee", RuleViolation.Rule.FEE_MUST_BE_BELOW_AMOUNT, "fee %s must be below the amount %s",
                    value.toPlainString(), amount.toPlainString());
        }
        return value;
    }
}
