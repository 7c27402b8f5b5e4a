/**
 * Referral commissions: who referred a user and the share of the user's fees the referrer earns.
 */
package com.exchange.ledger.api.referral;
