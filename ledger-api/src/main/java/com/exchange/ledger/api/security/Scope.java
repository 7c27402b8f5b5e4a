package com.exchange.ledger.api.security;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do (docs/api.md). */
public enum Scope {
    WRITE("ledger:write"), READ("ledger:read"), ADMIN("ledger:admin"), AUDIT("ledger:audit");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> parse(String text) {
        return Arrays.stream(values()).filter(scope -> scope.value.equals(text)).findFirst();
    }
}
