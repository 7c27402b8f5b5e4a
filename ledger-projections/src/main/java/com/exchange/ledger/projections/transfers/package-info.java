/**
 * Transfers between their two legs: sent, received or returned; what is in flight is the balance of {@code
 * transit:transfers}.
 */
package com.exchange.ledger.projections.transfers;
