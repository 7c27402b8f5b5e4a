/**
 * What every durable process of the ledger shares: sending a command as its own atomic append with retries on lost
 * races. The processes themselves (withdrawals, trades, swaps, deposits, express buys, referral commissions) live in
 * their feature packages; each keeps its state in the event store as the events of one aggregate, and its money
 * moves through idempotent wallet commands, so a step repeated after a crash has no second effect.
 */
package com.exchange.ledger.core.process;
