/**
 * Writes of a read model gathered over an event processor's batch and sent as one bulk write per collection when the
 * batch ends, before the processor stores its token.
 */
package com.exchange.ledger.projections.batch;
