package com.exchange.ledger.core.referral;

import com.exchange.ledger.core.shared.UserId;

import java.math.BigDecimal;
import java.time.Instant;

/** From {@code at} on, fees paid by {@code user} earn {@code referrer} the share {@code commissionRate}. */
public record ReferrerSet(UserId user, UserId referrer, BigDecimal commissionRate, Instant at) {
}
