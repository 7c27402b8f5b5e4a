/**
 * Movements between two wallets: the policy that delivers money in transit to the recipient, or returns it with
 * the fee to the sender when the recipient refuses.
 */
package com.exchange.ledger.core.transfer;
