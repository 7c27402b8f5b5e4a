package com.exchange.ledger.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys of {@code LEDGER_API_KEYS} ({@code key=scope,scope;key2=scope}). Only SHA-256 digests of the keys are
 * kept; a presented key is compared with every known one in constant time, so neither timing nor memory reveals a
 * key. Keys never appear in logs or in {@link #toString()}.
 */
public final class ApiKeys {

    public static final int MIN_KEY_LENGTH = 16;
    public static final int MAX_KEY_LENGTH = 256;

    private record Entry(byte[] digest, Set<Scope> scopes) {
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
            entries.add(new Entry(digest(key), scopes));
        }
        return new ApiKeys(entries);
    }

    /** The scopes of a presented key, if it is one of ours. */
    public Optional<Set<Scope>> scopesOf(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        byte[] digest = digest(presented);
        Set<Scope> found = null;
        for (Entry entry : entries) { // no early exit: every key is compared
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = entry.scopes();
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
