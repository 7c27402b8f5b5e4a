/**
 * The gap-aware MongoDB event storage engine (ADR 0002) with group commit (ADR 0010): global positions, unique stream
 * and operation keys, tombstones, snapshots, the serializer with stable stored type names.
 * <p>
 * {@code MongoEventStorageEngine} is the one public facade; each of its jobs is a package-private class here, so it
 * can be read alone: {@code EventAppender} (append and group commit), {@code EventIndexCounter} (the global index),
 * {@code Tombstones}, {@code AggregateEventReader}, {@code SnapshotStore}, {@code TrackedEventReader} with
 * {@code GapTracker}, {@code EventDocuments} (the stored shape) and {@code EventHash} (the hash chain).
 */
package com.exchange.ledger.projections.eventstore;
