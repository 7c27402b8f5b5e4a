package com.exchange.ledger.projections.chain;

import com.exchange.ledger.projections.eventstore.EventHash;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Seals the event log behind the appenders: walks the committed positions in global order from the last checkpoint,
 * chains their hashes ({@link HashChain}) and writes a checkpoint per at most {@code maxPerCheckpoint} positions.
 * Appenders never wait for it, so appends stay parallel; what is not sealed yet is protected only by each event's own
 * hash until the next run (docs/adr/0013-tamper-evident-log.md).
 * <p>
 * It never seals past a position that holds nothing: an allocated index whose writer may still be inserting. One
 * missing longer than the gap timeout is fenced with a tombstone (its writer is gone, every reader has passed it), so
 * the chain moves on. An event whose content no longer matches its stored hash is not sealed: sealing stops before
 * it and says so in the log, for an operator to look at.
 * <p>
 * Several instances may run one each: they compute the same chain value at every position, and a checkpoint written
 * twice is kept once.
 */
public final class ChainSealer {

    private static final Logger log = LoggerFactory.getLogger(ChainSealer.class);

    private final MongoEventStorageEngine engine;
    private final Checkpoints checkpoints;
    private final long genesisPosition;
    private final int maxPerCheckpoint;
    private final Duration gapTimeout;
    private final Clock clock;
    /** When each position was first found empty by this sealer. */
    private final Map<Long, Instant> missingSince = new HashMap<>();
    /** The position last reported as not matching its own hash: said once, not at every run. */
    private long reportedMismatch = -1;

    /**
     * @param genesisPosition  where the chain starts when the store has none yet: 0 for a new store; an existing store
     *                         may start it at its current head, leaving what came before outside the chain
     * @param maxPerCheckpoint positions per checkpoint at most (each takes 32 bytes in it); at most the engine's read window
     */
    public ChainSealer(MongoEventStorageEngine engine, Checkpoints checkpoints, long genesisPosition, int maxPerCheckpoint,
                       Duration gapTimeout, Clock clock) {
        if (maxPerCheckpoint < 1 || maxPerCheckpoint > engine.readWindow()) {
            throw new IllegalArgumentException("positions per checkpoint must be 1-" + engine.readWindow() + ", got " + maxPerCheckpoint);
        }
        if (genesisPosition < 0) {
            throw new IllegalArgumentException("the genesis position must be 0 or more, got " + genesisPosition);
        }
        this.engine = engine;
        this.checkpoints = checkpoints;
        this.genesisPosition = genesisPosition;
        this.maxPerCheckpoint = maxPerCheckpoint;
        this.gapTimeout = gapTimeout;
        this.clock = clock;
    }

    /** Seals as far as the store allows now; returns the highest sealed position. */
    public synchronized long sealOnce() {
        Checkpoint last = checkpoints.latest().orElseGet(() -> checkpoints.start(Checkpoint.genesis(genesisPosition, clock.instant())));
        long head = engine.head();
        while (last.position() < head) {
            long upTo = Math.min(head, last.position() + maxPerCheckpoint);
            Checkpoint next = seal(last, engine.storedDocuments(last.position(), upTo), upTo);
            if (next == null) {
                break;
            }
            last = next;
        }
        return last.position();
    }

    /** The next checkpoint after {@code last}, or null when not even its first position can be sealed yet. */
    private Checkpoint seal(Checkpoint last, List<Document> stored, long upTo) {
        Map<Long, Document> byPosition = new HashMap<>();
        stored.forEach(d -> byPosition.put(((Number) d.get("_id")).longValue(), d));
        ByteArrayOutputStream hashes = new ByteArrayOutputStream();
        byte[] chain = last.chain();
        long position = last.position();
        Instant now = clock.instant();
        for (long at = last.position() + 1; at <= upTo; at++) {
            byte[] hash = hashOf(at, byPosition.get(at), now);
            if (hash == null) {
                break;
            }
            chain = HashChain.next(chain, hash);
            hashes.writeBytes(hash);
            position = at;
        }
        if (position == last.position()) {
            return null;
        }
        return checkpoints.seal(new Checkpoint(position, last.position(), last.chain(), chain, hashes.toByteArray(), now));
    }

    /** The hash to seal at a position, or null when it cannot be sealed yet. */
    private byte[] hashOf(long position, Document stored, Instant now) {
        if (stored == null) {
            Instant since = missingSince.computeIfAbsent(position, p -> now);
            if (since.plus(gapTimeout).isAfter(now)) {
                return null;
            }
            missingSince.remove(position);
            if (!engine.fence(position)) {
                return null; // its event landed after all: sealed on the next run, once it is read
            }
            log.warn("event position {} stayed empty since {}; fenced it with a tombstone so the chain moves on", position, since);
            return EventHash.ofTombstone(position);
        }
        missingSince.remove(position);
        byte[] hash = EventHash.of(stored);
        Object claimed = stored.get(EventHash.FIELD);
        if (claimed != null && !HexFormat.of().formatHex(hash).equals(claimed)) {
            if (reportedMismatch == position) {
                return null;
            }
            reportedMismatch = position;
            log.error("event position {} does not match its own hash: changed after it was written; the chain is not sealed past it", position);
            return null;
        }
        return hash;
    }
}
