package com.exchange.ledger.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API keys of {@code LEDGER_API_KEYS} ({@code name:key=scope,scope;key2=scope}). Only SHA-256 digests of the keys
 * are kept; a presented key is compared with every known one in constant time, so neither timing nor memory reveals a
 * key. Keys never appear in logs or in {@link #toString()}.
 * <p>
 * Each key has a name, which is what the ledger records as the caller of a decision (who approved a withdrawal):
 * the {@code name:} before the key when given, otherwise {@code key-} and the first 8 hex digits of the key's SHA-256,
 * stable across restarts and telling nothing usable about the key. A key written without a name keeps working as
 * before; a key that itself holds a {@code :} after a name-like start must be given a name.
 */
public final class ApiKeys {

    public static final int MIN_KEY_LENGTH = 16;
    public static final int MAX_KEY_LENGTH = 256;
    /** A key's name: short, printable, safe in a log line and a JSON string. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    /** A known key as the rest of the service sees it: its name and scopes, never the key. */
    public record Caller(String name, Set<Scope> scopes) {
    }

    private record Entry(byte[] digest, Caller caller) {
    }

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = entries;
    }

    /** Parses the configuration; a malformed entry is a startup error naming its position, never its key. */
    public static ApiKeys parse(String configuration) {
        List<Entry> entries = new ArrayList<>();
        if (configuration == null || configuration.isBlank()) {
            return new ApiKeys(entries);
        }
        String[] parts = configuration.split(";");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("LEDGER_API_KEYS entry " + (i + 1) + " is not key=scope,scope");
            }
            String key = part.substring(0, equals).trim();
            String name = null;
            int colon = key.indexOf(':');
            if (colon > 0 && NAME.matcher(key.substring(0, colon)).matches()) {
                name = key.substring(0, colon);
                key = key.substring(colon + 1);
            }
            if (key.length() < MIN_KEY_LENGTH || key.length() > MAX_KEY_LENGTH) {
                throw new IllegalArgumentException("LEDGER_API_KEYS entry " + (i + 1) + ": a key must have "
                        + MIN_KEY_LENGTH + "-" + MAX_KEY_LENGTH + " characters");
            }
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            int position = i + 1;
            for (String scope : part.substring(equals + 1).split(",")) {
                scopes.add(Scope.parse(scope.trim()).orElseThrow(() -> new IllegalArgumentException(
                        "LEDGER_API_KEYS entry " + position + " names an unknown scope: " + scope.trim())));
            }
            byte[] digest = digest(key);
            if (name == null) {
                name = "key-" + HexFormat.of().formatHex(digest, 0, 4);
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("LEDGER_API_KEYS entry " + position + ": the name " + name + " is already used");
            }
            entries.add(new Entry(digest, new Caller(name, scopes)));
        }
        return new ApiKeys(entries);
    }

    /** The scopes of a presented key, if it is one of ours. */
    public Optional<Set<Scope>> scopesOf(String presented) {
        return callerOf(presented).map(Caller::scopes);
    }

    /** The name and scopes of a presented key, if it is one of ours. */
    public Optional<Caller> callerOf(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        byte[] digest = digest(presented);
        Caller found = null;
        for (Entry entry : entries) { // no early exit: every key is compared
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "ApiKeys[" + entries.size() + " keys]";
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
