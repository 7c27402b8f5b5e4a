package com.exchange.ledger.migration.legacy;

import org.bson.BsonValue;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * How values written by several generations of legacy code are read: exactly, or refused with a reason.
 */
public final class LegacyValues {

    private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,79}");

    private LegacyValues() {
    }

    /** An amount as read: a value, or why there is none. */
    public sealed interface Amount permits Present, Missing, Invalid {
    }

    public record Present(BigDecimal value) implements Amount {
    }

    public record Missing() implements Amount {
    }

    public record Invalid(String reason) implements Amount {
    }

    /** Reads an amount of any type legacy code stored: double, string (with spaces), int, long, Decimal128. */
    public static Amount amount(BsonValue value) {
        if (value == null || value.isNull()) {
            return new Missing();
        }
        switch (value.getBsonType()) {
            case DOUBLE -> {
                double d = value.asDouble().getValue();
                if (Double.isNaN(d)) {
                    return new Invalid("amount is NaN");
                }
                if (Double.isInfinite(d)) {
                    return new Invalid("amount is infinite");
                }
                return new Present(shortestDecimal(d));
            }
            case INT32 -> {
                return new Present(BigDecimal.valueOf(value.asInt32().getValue()));
            }
            case INT64 -> {
                return new Present(BigDecimal.valueOf(value.asInt64().getValue()));
            }
            case DECIMAL128 -> {
                Decimal128 decimal = value.asDecimal128().getValue();
                if (decimal.isNaN()) {
                    return new Invalid("amount is NaN");
                }
                if (decimal.isInfinite()) {
                    return new Invalid("amount is infinite");
                }
                try {
                    return new Present(decimal.bigDecimalValue());
                } catch (ArithmeticException negativeZero) {
                    return new Present(BigDecimal.ZERO); // Decimal128's -0 has no BigDecimal form; it is zero
                }
            }
            case STRING -> {
                String text = value.asString().getValue().strip();
                if (text.isEmpty()) {
                    return new Invalid("amount is an empty string");
                }
                if (!DECIMAL_TEXT.matcher(text).matches()) {
                    return new Invalid("amount \"" + abbreviate(text) + "\" is not a number");
                }
                return new Present(new BigDecimal(text));
            }
            default -> {
                return new Invalid("amount has BSON type " + value.getBsonType());
            }
        }
    }

    /**
     * The shortest decimal that reads back as the same double, the digits {@code Double.toString} prints on Java 19
     * and later (Java 17's sometimes prints one digit more; this does not depend on the JDK). A legacy double
     * {@code 0.1} is taken as 0.1, not as 0.1000000000000000055511151231257827.
     */
    public static BigDecimal shortestDecimal(double d) {
        if (d == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; digits <= 17; digits++) {
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == d) {
                return candidate;
            }
        }
        return exact;
    }

    /** A user id: a string (trimmed) as it is, an int or long by its decimal form, an ObjectId by its hex form. */
    public static String userId(BsonValue value) throws Refused {
        if (value == null || value.isNull()) {
            throw new Refused("user_id is missing");
        }
        String text = switch (value.getBsonType()) {
            case STRING -> value.asString().getValue().strip();
            case INT32 -> Integer.toString(value.asInt32().getValue());
            case INT64 -> Long.toString(value.asInt64().getValue());
            case OBJECT_ID -> value.asObjectId().getValue().toHexString();
            default -> throw new Refused("user_id has BSON type " + value.getBsonType());
        };
        if (text.isEmpty()) {
            throw new Refused("user_id is empty");
        }
        return text;
    }

    /**
     * A row's {@code _id} as text for operation and hold ids, one-to-one: the type is part of it, so the string "7"
     * and the number 7 stay apart; an id that is not plain text is named by a hash of its type and value.
     */
    /** A row's {@code _id} as the operator finds it in the legacy collection. */
    public static String display(BsonValue id) {
        return switch (id.getBsonType()) {
            case OBJECT_ID -> "ObjectId(\"" + id.asObjectId().getValue().toHexString() + "\")";
            case INT32 -> Integer.toString(id.asInt32().getValue());
            case INT64 -> Long.toString(id.asInt64().getValue());
            case STRING -> "\"" + id.asString().getValue() + "\"";
            default -> id.toString();
        };
    }

    public static String rowKey(BsonValue id) {
        return switch (id.getBsonType()) {
            case OBJECT_ID -> id.asObjectId().getValue().toHexString();
            case INT32 -> "n" + id.asInt32().getValue();
            case INT64 -> "n" + id.asInt64().getValue();
            case STRING -> PLAIN_ID.matcher(id.asString().getValue()).matches()
                    ? "s" + id.asString().getValue() : "h" + sha256(id.getBsonType() + ":" + id.asString().getValue());
            default -> "h" + sha256(id.getBsonType() + ":" + id);
        };
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** A value that refuses its row, with the reason written to {@code migration_rejects}. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
