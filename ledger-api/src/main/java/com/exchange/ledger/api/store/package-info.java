/**
 * The MongoDB client: the deployment of {@code MONGO_URL}, or the embedded store persisted under the data directory.
 */
package com.exchange.ledger.api.store;
