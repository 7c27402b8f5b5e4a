package com.exchange.ledger.core.shared;

import java.util.Objects;

/** One line of a journal entry: a signed change to one bucket of one account. */
public record Posting(LedgerAccount account, Bucket bucket, Money delta) {

    public Posting {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(delta, "delta");
        if ((account instanceof SystemAccount) != (bucket == Bucket.BALANCE)) {
            throw new IllegalArgumentException("system accounts have only the BALANCE bucket, wallets never: " + account + " " + bucket);
        }
    }

    public static Posting wallet(AccountId account, Bucket bucket, Money delta) {
        return new Posting(account, bucket, delta);
    }

    public static Posting system(SystemAccount account, Money delta) {
        return new Posting(account, Bucket.BALANCE, delta);
    }
}
