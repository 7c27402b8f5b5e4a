/**
 * What every durable process of the ledger shares: the ports through which it sends commands ({@link
 * com.exchange.ledger.core.process.CommandSender}: one command as its own atomic append) and carries out the follow-ups
 * of the events it handles ({@link com.exchange.ledger.core.process.FollowUps}: possibly together with the rest of a
 * processor's batch). The service's Axon wiring implements both; the domain holds no unit of work. The processes
 * themselves (withdrawals, trades, swaps, deposits, express buys, referral commissions) live in their feature
 * packages, the lifecycle the funded ones share in {@code core.flow}; each keeps its state in the event store as
 * the events of one aggregate, and its money moves through idempotent wallet commands, so a step repeated after a
 * crash has no second effect. {@link com.exchange.ledger.core.process.ProductFlows} names the one processor their
 * settlement handlers share.
 */
package com.exchange.ledger.core.process;
