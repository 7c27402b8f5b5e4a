/**
 * Referral commissions: a referred user's referrer and rate ({@link com.exchange.ledger.core.referral.Referral}),
 * and the policy that credits the referrer a share of every fee the user pays, exactly once.
 */
package com.exchange.ledger.core.referral;
