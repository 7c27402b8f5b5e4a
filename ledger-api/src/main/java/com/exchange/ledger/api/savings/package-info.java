/**
 * Savings moves between a wallet's available balance and its savings, in either direction.
 */
package com.exchange.ledger.api.savings;
