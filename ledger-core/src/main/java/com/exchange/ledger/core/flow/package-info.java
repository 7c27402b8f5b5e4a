/**
 * What "funded, then settled exactly once" means, said once for every product flow (ADR 0019).
 * <p>
 * A withdrawal, a P2P trade, a swap and an express buy run the same lifecycle: a request is recorded on the flow's
 * aggregate; the wallet is asked for the flow's funds (a lock, or the credit the flow exists for); a refusal is
 * recorded and ends the flow having moved nothing; otherwise the funds are confirmed on the aggregate, and if that
 * confirmation lost a race to a concurrent attempt's refusal, the funds this attempt took are given back. A decision
 * (approve, complete, cancel, expire) is then recorded on the aggregate once and settled on the wallet by the caller
 * and again by the flow's event handler, through {@link com.exchange.ledger.core.process.FollowUps}; the wallet's
 * operation keys make the second settlement a no-op. {@link com.exchange.ledger.core.flow.FundedFlow} carries this
 * out; each flow's process supplies only its {@link com.exchange.ledger.core.flow.Funding} and its decisions'
 * wallet commands. The aggregates keep their own state and rules: a flow's events and what they mean stay its own.
 */
package com.exchange.ledger.core.flow;
