/**
 * The embedded MongoDB-compatible store (mongo-java-server on an H2 file) that the service and the migration start
 * when no {@code MONGO_URL} is given: persisted, flushed after every group commit, refusing a second process on the
 * same file, and refusing to start on a library whose internals its backend does not know ({@link
 * com.exchange.ledger.embeddedstore.LibraryCheck}). A module of its own so that the ledger's read side depends only
 * on the MongoDB driver (docs/adr/0017-embedded-store-module.md).
 */
package com.exchange.ledger.embeddedstore;
