/**
 * Axon Framework without Axon Server: the ledger's storage engine and serializer as beans, the token store, the
 * wallet aggregate's cache and snapshots, the processors' layout (the six views on one processor, ADR 0011), polling
 * and error handling; and the Axon side of the domain's ports: commands sent as their own atomic appends with lost
 * races retried ({@link com.exchange.ledger.api.axon.AxonCommandSender}), and the policies' follow-up commands sent
 * together at the end of each processor batch ({@link com.exchange.ledger.api.axon.BatchedFollowUps}, ADR 0018).
 */
package com.exchange.ledger.api.axon;
