package com.exchange.ledger.api.deposit;

import java.nio.charset.StandardCharsets;

/** Opens the canonical form to tests in other packages, which sign their callbacks with it. */
public final class TestCanonical {

    private TestCanonical() {
    }

    public static String of(String body) {
        return CanonicalJson.of(body.getBytes(StandardCharsets.UTF_8));
    }
}
