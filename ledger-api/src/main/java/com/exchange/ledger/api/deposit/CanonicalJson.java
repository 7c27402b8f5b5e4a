package com.exchange.ledger.api.deposit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text the gateway signs: the body as its JavaScript re-serialises it, {@code JSON.stringify} of the object with
 * keys sorted recursively, no whitespace. Keys sort by UTF-16 code units (JavaScript's default sort, and Java's
 * {@code String.compareTo}); strings are escaped as {@code JSON.stringify} escapes them; numbers as {@link JsNumbers}.
 * Built from the parser's tokens, not from a mapped object, so the number text is seen before any conversion.
 */
final class CanonicalJson {

    /** A bound on nesting: the gateway's callbacks are two levels deep. */
    static final int MAX_DEPTH = 32;
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxNumberLength(400).build())
            .build();

    private CanonicalJson() {
    }

    /** The canonical text, or an {@link IllegalArgumentException} when the body is not one JSON value. */
    static String of(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("empty body");
            }
            StringBuilder out = new StringBuilder(body.length);
            write(read(parser), out);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value");
            }
            return out.toString();
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed JSON", e);
        }
    }

    private record Raw(String text) {
    }

    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new TreeMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    object.put(key, read(parser)); // a repeated key: the last wins, as in JSON.parse
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Raw(JsNumbers.format(parser.getText()));
            }
            case VALUE_TRUE -> {
                return new Raw("true");
            }
            case VALUE_FALSE -> {
                return new Raw("false");
            }
            case VALUE_NULL -> {
                return new Raw("null");
            }
            default -> throw new IllegalArgumentException("unexpected " + token);
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> object) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) object).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(entry.getKey(), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> array) {
            out.append('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(array.get(i), out);
            }
            out.append(']');
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else {
            string((String) value, out);
        }
    }

    /** JSON.stringify's QuoteJSONString: short escapes, other controls and lone surrogates as lower-case \\u escapes. */
    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isHighSurrogate(c)
                            ? i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
