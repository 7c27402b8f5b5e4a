package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

import java.util.Arrays;

/**
 * The Java-serialised form of an index key, as {@link ObjectDataType#serialize} writes it, built without an
 * {@code ObjectOutputStream} for the keys the ledger writes: a single string, long, integer or double. Serialising a
 * key was the store's largest cost while the migration appends (a new stream with its class descriptors for every
 * key, twice per key and unique index); here a key's bytes are the bytes Java writes around one such value (learnt
 * once, from Java itself) with the value's own encoding in between.
 * <p>
 * The bytes must be exactly Java's: the index orders keys by them and stores them in the file. So each form is
 * learnt from two sample values and checked against Java's own output for further samples before it is used; a form
 * that does not match (another JDK writing differently) is not used, and every other key (several values, other
 * types, a string longer than Java's short form) is serialised by Java as before.
 */
final class KeyBytes {

    private static final byte TC_STRING = 0x74;
    private static final int MAX_SHORT_UTF = 0xFFFF;

    /** Java's bytes around one value of each type, or null when Java's output did not fit the form. */
    private static final Frame STRING = Frame.learn("\u0001key-bytes-marker\u0001",
            "", "streamKey#12", "wallet:user-1:BTC|migration:internal_balances:s:42", "é€\u0000\uD83D\uDE00");
    private static final Frame LONG = Frame.learn(0x1122334455667788L, 0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 1_000_000L);
    private static final Frame INTEGER = Frame.learn(0x11223344, 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE);
    private static final Frame DOUBLE = Frame.learn(1.2345678901234567e-300, 0.0, -0.0, 1.5, Double.NaN,
            Double.NEGATIVE_INFINITY, 123456.789);

    private KeyBytes() {
    }

    /** The key's serialised form, byte for byte what {@link ObjectDataType#serialize} returns for it. */
    static byte[] of(KeyValue key) {
        if (key.size() == 1) {
            byte[] fast = fast(key.get(0));
            if (fast != null) {
                return fast;
            }
        }
        return ObjectDataType.serialize(key);
    }

    /** Whether a key of this single value is written without Java's serialisation (for tests). */
    static boolean isFast(Object value) {
        return fast(value) != null;
    }

    private static byte[] fast(Object value) {
        Frame frame = value == null ? null : frameOf(value.getClass());
        byte[] encoded = frame == null ? null : encoding(value);
        return encoded == null ? null : frame.around(encoded);
    }

    private static Frame frameOf(Class<?> type) {
        // exact classes: a subclass (none of these has one) or another Number would be written differently
        if (type == String.class) {
            return STRING;
        }
        if (type == Long.class) {
            return LONG;
        }
        if (type == Integer.class) {
            return INTEGER;
        }
        return type == Double.class ? DOUBLE : null;
    }

    /**
     * A value as an {@code ObjectOutputStream} writes it inside its object: a string as {@code writeString} writes a
     * short one (tag, length, modified UTF-8; null beyond the short form's 65,535 bytes), a number as its
     * big-endian bits.
     */
    private static byte[] encoding(Object value) {
        if (value instanceof String string) {
            int length = string.length();
            int utf = 0;
            for (int i = 0; i < length; i++) {
                char c = string.charAt(i);
                utf += c >= 0x0001 && c <= 0x007F ? 1 : c > 0x07FF ? 3 : 2;
            }
            if (utf > MAX_SHORT_UTF) {
                return null;
            }
            byte[] encoded = new byte[3 + utf];
            encoded[0] = TC_STRING;
            encoded[1] = (byte) (utf >>> 8);
            encoded[2] = (byte) utf;
            int at = 3;
            for (int i = 0; i < length; i++) {
                char c = string.charAt(i);
                if (c >= 0x0001 && c <= 0x007F) {
                    encoded[at++] = (byte) c;
                } else if (c > 0x07FF) {
                    encoded[at++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
                    encoded[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    encoded[at++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    encoded[at++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
                    encoded[at++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            return encoded;
        }
        if (value instanceof Long number) {
            return bigEndian(number, 8);
        }
        if (value instanceof Integer number) {
            return bigEndian(number, 4);
        }
        if (value instanceof Double number) {
            // as DataOutput.writeDouble: the canonical bits (one NaN)
            return bigEndian(Double.doubleToLongBits(number), 8);
        }
        return null;
    }

    private static byte[] bigEndian(long value, int bytes) {
        byte[] encoded = new byte[bytes];
        for (int i = bytes - 1; i >= 0; i--) {
            encoded[i] = (byte) value;
            value >>>= 8;
        }
        return encoded;
    }

    /** What Java writes before and after a single value of one type in a key. */
    private record Frame(byte[] before, byte[] after) {

        byte[] around(byte[] value) {
            byte[] bytes = Arrays.copyOf(before, before.length + value.length + after.length);
            System.arraycopy(value, 0, bytes, before.length, value.length);
            System.arraycopy(after, 0, bytes, before.length + value.length, after.length);
            return bytes;
        }

        /**
         * Learns the frame from Java's output for a key of one marker value (whose encoding occurs exactly once in
         * it), then checks it against Java's output for the samples. Null if anything differs: Java's path is kept.
         */
        static Frame learn(Object marker, Object... samples) {
            try {
                byte[] whole = ObjectDataType.serialize(new KeyValue(marker));
                byte[] encoded = encoding(marker);
                int at = -1;
                for (int start = 0; start + encoded.length <= whole.length; start++) {
                    if (Arrays.equals(whole, start, start + encoded.length, encoded, 0, encoded.length)) {
                        if (at >= 0) {
                            return null;
                        }
                        at = start;
                    }
                }
                if (at < 0) {
                    return null;
                }
                Frame frame = new Frame(Arrays.copyOf(whole, at), Arrays.copyOfRange(whole, at + encoded.length, whole.length));
                for (Object sample : samples) {
                    if (!Arrays.equals(frame.around(encoding(sample)), ObjectDataType.serialize(new KeyValue(sample)))) {
                        return null;
                    }
                }
                return frame;
            } catch (RuntimeException e) {
                return null; // a runtime that cannot serialise the samples: Java's own path for every key
            }
        }
    }
}
