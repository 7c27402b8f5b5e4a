/**
 * The gap-aware MongoDB event storage engine (ADR 0002) with group commit (ADR 0010): global positions, unique stream
 * and operation keys, tombstones, snapshots, the serializer with stable stored type names.
 */
package com.exchange.ledger.projections.eventstore;
