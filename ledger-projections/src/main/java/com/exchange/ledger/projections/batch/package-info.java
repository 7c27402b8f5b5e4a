/**
 * Writes of a read model gathered over an event processor's batch and sent as one bulk write per collection when the
 * batch ends, before the processor stores its token; and the documents the batch's events read, read ahead with one
 * {@code $in} per collection instead of one round trip per document (ADR 0011).
 */
package com.exchange.ledger.projections.batch;
