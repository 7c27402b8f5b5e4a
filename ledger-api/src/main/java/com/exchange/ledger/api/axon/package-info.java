/**
 * Axon Framework without Axon Server: the ledger's storage engine and serializer as beans, the token store, the
 * wallet aggregate's cache and snapshots, the processors' error handling.
 */
package com.exchange.ledger.api.axon;
