package com.exchange.ledger.projections.chain;

import com.exchange.ledger.projections.chain.ChainBreak.Kind;
import com.exchange.ledger.projections.eventstore.EventHash;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import org.bson.Document;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The auditor's check of the event log (docs/adr/0013-tamper-evident-log.md): recomputes every stored document's hash
 * from what it holds now, compares it with the hash sealed for its position, recomputes the chain through every
 * checkpoint, and names the first position where anything differs. Starts at the genesis or at a checkpoint the
 * auditor trusts (one exported and signed earlier), so a long log need not be read from position 0 each time.
 * Above the last checkpoint it checks each event against its own hash only, and that nothing is stored above the
 * highest position ever allocated.
 * <p>
 * Reads one window of positions at a time, so its memory does not grow with the log.
 */
public final class ChainVerifier {

    private final MongoEventStorageEngine engine;
    private final Checkpoints checkpoints;

    public ChainVerifier(MongoEventStorageEngine engine, Checkpoints checkpoints) {
        this.engine = engine;
        this.checkpoints = checkpoints;
    }

    /** Verifies from the genesis, or from the checkpoint at {@code fromCheckpoint}. */
    public ChainVerification verify(OptionalLong fromCheckpoint) {
        Optional<Checkpoint> start = fromCheckpoint.isPresent() ? checkpoints.at(fromCheckpoint.getAsLong()) : checkpoints.genesis();
        if (start.isEmpty() && fromCheckpoint.isPresent()) {
            long asked = fromCheckpoint.getAsLong();
            return new ChainVerification(asked, asked, asked, 0, 0, Optional.of(new ChainBreak(asked, Kind.CHECKPOINT_MISSING,
                    "there is no checkpoint at position " + asked + " to start from")));
        }
        Run run = new Run(start.map(Checkpoint::position).orElse(0L), start.map(Checkpoint::chain).orElse(null));
        if (start.isPresent()) {
            for (Iterator<Checkpoint> it = checkpoints.after(run.position); it.hasNext() && run.found == null; ) {
                run.through(it.next());
            }
        }
        long sealed = run.position;
        if (run.found == null) {
            run.unsealedTail();
        }
        return new ChainVerification(run.start, sealed, run.position, run.documents, run.checkpoints, Optional.ofNullable(run.found));
    }

    /** One verification's progress: the last position proved, the chain value there, the first break found. */
    private final class Run {
        final long start;
        long position;
        byte[] chain;
        long documents;
        long checkpoints;
        ChainBreak found;
        /** The chain value at each checkpoint passed, to check the next one's link (one entry per checkpoint). */
        final Map<Long, byte[]> chainAt = new HashMap<>();

        Run(long start, byte[] chain) {
            this.start = start;
            this.position = start;
            this.chain = chain;
            chainAt.put(start, chain);
        }

        void through(Checkpoint checkpoint) {
            if (checkpoint.from() > position) {
                found = new ChainBreak(position + 1, Kind.CHECKPOINT_MISSING, "positions " + (position + 1) + "-"
                        + checkpoint.from() + " are in no checkpoint: the one that sealed them is gone");
                return;
            }
            byte[] linked = chainAt.get(checkpoint.from());
            if (linked != null && !Arrays.equals(linked, checkpoint.previous())) {
                found = new ChainBreak(checkpoint.position(), Kind.CHECKPOINT_ALTERED, "checkpoint " + checkpoint.position()
                        + " does not continue the chain value at " + checkpoint.from());
                return;
            }
            // another sealer may have cut the stream elsewhere: only the positions not yet proved are read
            for (long after = position; after < checkpoint.position() && found == null; ) {
                long upTo = Math.min(checkpoint.position(), after + engine.readWindow());
                List<Document> stored = engine.storedDocuments(after, upTo);
                Map<Long, Document> byPosition = byPosition(stored);
                for (long at = after + 1; at <= upTo; at++) {
                    byte[] sealedHash = checkpoint.hashAt(at);
                    found = sealed(at, byPosition.get(at), sealedHash, checkpoint);
                    if (found != null) {
                        return;
                    }
                    chain = HashChain.next(chain, sealedHash);
                    position = at;
                    documents++;
                }
                after = upTo;
            }
            if (!Arrays.equals(chain, checkpoint.chain()) || !recomputes(checkpoint)) {
                found = new ChainBreak(checkpoint.position(), Kind.CHECKPOINT_ALTERED, "checkpoint " + checkpoint.position()
                        + " holds hashes that do not give its chain value");
                return;
            }
            chainAt.put(checkpoint.position(), chain);
            checkpoints++;
        }

        /** Whether a checkpoint's own hashes, from the chain value it links to, give its chain value. */
        private boolean recomputes(Checkpoint checkpoint) {
            byte[] value = checkpoint.previous();
            for (long at = checkpoint.from() + 1; at <= checkpoint.position(); at++) {
                value = HashChain.next(value, checkpoint.hashAt(at));
            }
            return Arrays.equals(value, checkpoint.chain());
        }

        /** The break at a sealed position, or null when its document is what was sealed. */
        private ChainBreak sealed(long at, Document stored, byte[] sealedHash, Checkpoint checkpoint) {
            if (stored == null) {
                return new ChainBreak(at, Kind.DELETED, "position " + at + " was sealed in checkpoint " + checkpoint.position()
                        + " and now holds nothing");
            }
            ChainBreak own = ownBreak(at, stored);
            if (own != null && own.kind() == Kind.UNEXPECTED_FIELD) {
                return own;
            }
            if (Arrays.equals(EventHash.of(stored), sealedHash)) {
                return own;
            }
            if (!EventHash.isTombstone(stored) && Arrays.equals(sealedHash, EventHash.ofTombstone(at))) {
                return new ChainBreak(at, Kind.INSERTED, "position " + at + " was sealed empty (a tombstone) and now holds event "
                        + stored.get("eventIdentifier"));
            }
            Object claimed = stored.get(EventHash.FIELD);
            if (claimed instanceof String hex) {
                for (long other = checkpoint.from() + 1; other <= checkpoint.position(); other++) {
                    if (other != at && hex.equals(HexFormat.of().formatHex(checkpoint.hashAt(other)))) {
                        return new ChainBreak(at, Kind.MOVED, "position " + at + " holds the event sealed at position " + other);
                    }
                }
            }
            // beyond this checkpoint: the position an event was written at is in its own meta-data
            OptionalLong writtenAt = writtenAt(stored);
            if (writtenAt.isPresent() && writtenAt.getAsLong() != at) {
                return new ChainBreak(at, Kind.MOVED, "position " + at + " holds the event written at position " + writtenAt.getAsLong());
            }
            return new ChainBreak(at, Kind.CHANGED, "the document at position " + at + " is not what checkpoint "
                    + checkpoint.position() + " sealed: its content was changed");
        }

        /** Checks the positions above the last checkpoint: each event against its own hash, nothing above the head. */
        void unsealedTail() {
            long head = engine.head();
            for (long after = position; after < head && found == null; ) {
                long upTo = Math.min(head, after + engine.readWindow());
                for (Document stored : engine.storedDocuments(after, upTo)) {
                    long at = ((Number) stored.get("_id")).longValue();
                    found = ownBreak(at, stored);
                    if (found != null) {
                        return;
                    }
                    documents++;
                }
                position = upTo;
                after = upTo;
            }
            position = Math.max(position, head);
            engine.firstStoredAbove(position).ifPresent(above -> found = new ChainBreak(above, Kind.INSERTED,
                    "position " + above + " holds a document, but no position above " + head + " was ever allocated"));
        }
    }

    /** What a document shows on its own: a field no stored document has, or content that does not give its own hash. */
    private static ChainBreak ownBreak(long at, Document stored) {
        Set<String> allowed = EventHash.isTombstone(stored) ? EventHash.TOMBSTONE_FIELDS : EventHash.EVENT_FIELDS;
        for (String field : stored.keySet()) {
            if (!allowed.contains(field)) {
                return new ChainBreak(at, Kind.UNEXPECTED_FIELD, "the document at position " + at + " has a field '"
                        + field + "' no stored event has");
            }
        }
        Object claimed = stored.get(EventHash.FIELD);
        if (claimed != null && !HexFormat.of().formatHex(EventHash.of(stored)).equals(claimed)) {
            return new ChainBreak(at, Kind.CHANGED, "the document at position " + at + " does not match its own hash: its content was changed");
        }
        return null;
    }

    private static final Pattern GLOBAL_INDEX = Pattern.compile("\"" + MongoEventStorageEngine.GLOBAL_INDEX + "\"\\s*:\\s*(\\d{1,18})");

    /** The position an event document says it was written at (its meta-data's global index), if it says. */
    private static OptionalLong writtenAt(Document stored) {
        Object metaData = stored.get("metaData");
        if (!(metaData instanceof String text)) {
            return OptionalLong.empty();
        }
        Matcher matcher = GLOBAL_INDEX.matcher(text);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
    }

    private static Map<Long, Document> byPosition(List<Document> stored) {
        Map<Long, Document> byPosition = new HashMap<>();
        stored.forEach(d -> byPosition.put(((Number) d.get("_id")).longValue(), d));
        return byPosition;
    }
}
