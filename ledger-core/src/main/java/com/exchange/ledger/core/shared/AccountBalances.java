package com.exchange.ledger.core.shared;

import java.math.BigDecimal;
import java.util.Objects;

/** The three buckets of a wallet account at one moment; what a command answers and what each event records. */
public record AccountBalances(BigDecimal available, BigDecimal locked, BigDecimal savings) {

    public AccountBalances {
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(locked, "locked");
        Objects.requireNonNull(savings, "savings");
    }

    public BigDecimal total() {
        return available.add(locked).add(savings);
    }
}
