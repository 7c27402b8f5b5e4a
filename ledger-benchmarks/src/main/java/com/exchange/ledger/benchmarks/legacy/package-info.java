/**
 * The baseline a user would pick instead of the ledger: the legacy in-place design, a balance document per account
 * changed by a conditional {@code $inc}, an {@code $inc} on the recipient and a history insert (three store commands
 * per transfer, no events). Measured directly on the store and behind the service's own HTTP stack
 * ({@link com.exchange.ledger.benchmarks.legacy.LegacyTransferEndpoint}), so the ledger's figures have a yardstick.
 */
package com.exchange.ledger.benchmarks.legacy;
