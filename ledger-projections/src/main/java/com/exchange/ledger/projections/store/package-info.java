/**
 * The embedded MongoDB-compatible store (mongo-java-server on an H2 file) used when no {@code MONGO_URL} is given:
 * persisted, flushed after every group commit, refusing a second process on the same file.
 */
package com.exchange.ledger.projections.store;
