package com.exchange.ledger.projections.eventstore;

import org.bson.Document;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The hash of one stored event document: SHA-256 over a canonical encoding of everything stored for it, its global
 * position included, so an event edited, moved to another position, or put where a tombstone was hashes differently
 * (docs/adr/0013-tamper-evident-log.md). Stored in the event's {@code hash} field at append; the sealer chains these
 * hashes in global order into checkpoints.
 * <p>
 * Encoding, so an auditor can recompute it without this code: the UTF-8 bytes of {@code ledger-event/1}, then for each
 * field of {@link #HASHED_FIELDS} in that order one value, then the position as a value. A value is a tag byte and,
 * except for null, a 4-byte big-endian length and the bytes: {@code 0} null; {@code 1} a string, its UTF-8;
 * {@code 2} an integer, its decimal digits; {@code 3} anything else, the UTF-8 of its string form. A tombstone
 * hashes {@code ledger-tombstone/1}, its {@code streamKey}, its {@code operationKey} and its position the same way.
 * <p>
 * The fields that do not depend on the position are digested on the appending thread ({@link #begin}); the group's
 * leader only finishes the digest with the meta-data and the position ({@link #finish}), so the leader's share of the
 * cost does not grow with the payload.
 */
public final class EventHash {

    /** The field each event document carries its hash in (the events feed prints it under the same name). */
    public static final String FIELD = "hash";
    /** What an event document hashes, in this order, followed by its position. */
    public static final List<String> HASHED_FIELDS = List.of("aggregateIdentifier", "type", "sequenceNumber", "streamKey",
            "operationKey", "eventIdentifier", "timestamp", "payloadType", "payloadRevision", "payload", "metaData");
    /** Every field an event document may hold; any other is a hand edit. */
    public static final Set<String> EVENT_FIELDS = Set.of("_id", FIELD, "aggregateIdentifier", "type", "sequenceNumber",
            "streamKey", "operationKey", "eventIdentifier", "timestamp", "payloadType", "payloadRevision", "payload", "metaData");
    /** Every field a tombstone document holds. */
    public static final Set<String> TOMBSTONE_FIELDS = Set.of("_id", EventDocuments.TOMBSTONE, "streamKey", "operationKey");
    public static final int BYTES = 32;

    private static final byte[] EVENT_PREFIX = "ledger-event/1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TOMBSTONE_PREFIX = "ledger-tombstone/1".getBytes(StandardCharsets.UTF_8);
    private static final int META_DATA = HASHED_FIELDS.indexOf("metaData");

    private EventHash() {
    }

    /** Digests the fields of an event document that do not depend on its position: all but the meta-data. */
    static MessageDigest begin(Document document) {
        MessageDigest digest = sha256();
        digest.update(EVENT_PREFIX);
        for (int i = 0; i < META_DATA; i++) {
            value(digest, document.get(HASHED_FIELDS.get(i)));
        }
        return digest;
    }

    /** Finishes a digest {@link #begin} started with the meta-data and the position: the event's hash, in hex. */
    static String finish(MessageDigest begun, String metaData, long position) {
        value(begun, metaData);
        value(begun, position);
        return HexFormat.of().formatHex(begun.digest());
    }

    /** The hash of a stored document, event or tombstone, recomputed from what it holds now. */
    public static byte[] of(Document stored) {
        long position = ((Number) stored.get("_id")).longValue();
        if (isTombstone(stored)) {
            MessageDigest digest = sha256();
            digest.update(TOMBSTONE_PREFIX);
            value(digest, stored.get("streamKey"));
            value(digest, stored.get("operationKey"));
            value(digest, position);
            return digest.digest();
        }
        MessageDigest digest = begin(stored);
        value(digest, stored.get("metaData"));
        value(digest, position);
        return digest.digest();
    }

    public static boolean isTombstone(Document stored) {
        return stored.getBoolean(EventDocuments.TOMBSTONE, false);
    }

    /** The hash a tombstone written by the engine or the sealer at this position has. */
    public static byte[] ofTombstone(long position) {
        return of(EventDocuments.tombstoneDocument(position));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void value(MessageDigest digest, Object value) {
        if (value == null) {
            digest.update((byte) 0);
            return;
        }
        byte tag;
        String text;
        if (value instanceof String string) {
            tag = 1;
            text = string;
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            // the store may hand a small long back as an Int32: the same number hashes the same
            tag = 2;
            text = Long.toString(((Number) value).longValue());
        } else {
            tag = 3;
            text = String.valueOf(value);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(tag);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
