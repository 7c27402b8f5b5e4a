package com.exchange.ledger.core.referral;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** What a user's referral is told. */
public final class ReferralCommands {

    /** A commission rate is a share of the fee: from 0 to 1, at most this many decimals. */
    public static final int MAX_RATE_DECIMALS = 8;

    private ReferralCommands() {
    }

    /** From now on, every fee {@code user} pays credits {@code referrer} with {@code fee × commissionRate}. */
    public record SetReferrer(@TargetAggregateIdentifier ReferralId referral, UserId referrer, BigDecimal commissionRate,
                              Instant at) {
        public SetReferrer {
            Objects.requireNonNull(referral, "referral");
            Objects.requireNonNull(referrer, "referrer");
            Objects.requireNonNull(at, "at");
            if (referral.user().equals(referrer)) {
                throw LedgerRejection.invalid(RejectionCode.SELF_REFERRAL, "referrer_id", RuleViolation.Rule.REFERRER_MUST_DIFFER_FROM_USER, "a user cannot be their own referrer");
            }
            if (commissionRate == null || commissionRate.signum() < 0 || commissionRate.compareTo(BigDecimal.ONE) > 0
                    || commissionRate.stripTrailingZeros().scale() > MAX_RATE_DECIMALS) {
                throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "commission_rate", RuleViolation.Rule.OUT_OF_RANGE,
                        "commission_rate must be a decimal from 0 to 1 with at most %d decimals", MAX_RATE_DECIMALS);
            }
        }
    }
}
