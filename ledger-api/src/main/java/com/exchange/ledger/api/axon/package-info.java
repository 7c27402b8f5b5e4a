/**
 * Axon Framework without Axon Server: the ledger's storage engine and serializer as beans, the token store, the
 * wallet aggregate's cache and snapshots, the processors' layout (the six views on one processor, ADR 0011), polling
 * and error handling.
 */
package com.exchange.ledger.api.axon;
