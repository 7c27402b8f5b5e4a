package com.exchange.ledger.core.testing;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Bucket;
import com.exchange.ledger.core.shared.JournalEntry;
import com.exchange.ledger.core.shared.LedgerAccount;
import com.exchange.ledger.core.shared.Posting;
import com.exchange.ledger.core.shared.SystemAccount;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every balance of the ledger as a plain fold of postings: one sum per (account, currency, bucket) and one per
 * currency. It knows nothing of aggregates, so it is an independent witness of what they recorded.
 */
public final class LedgerBalances {

    /** One balance line. A system account has one line per currency; a wallet account is in one currency. */
    public record Line(String account, String currency, Bucket bucket) {
    }

    private final Map<Line, BigDecimal> lines;
    private final Map<String, BigDecimal> totals;

    private LedgerBalances(Map<Line, BigDecimal> lines, Map<String, BigDecimal> totals) {
        this.lines = Collections.unmodifiableMap(lines);
        this.totals = Collections.unmodifiableMap(totals);
    }

    public static LedgerBalances fold(Iterable<? extends JournalEntry> entries) {
        Map<Line, BigDecimal> lines = new LinkedHashMap<>();
        Map<String, BigDecimal> totals = new LinkedHashMap<>();
        for (JournalEntry entry : entries) {
            for (Posting posting : entry.postings()) {
                String currency = posting.delta().currency();
                BigDecimal delta = posting.delta().amount();
                lines.merge(new Line(posting.account().key(), currency, posting.bucket()), delta, BigDecimal::add);
                totals.merge(currency, delta, BigDecimal::add);
            }
        }
        return new LedgerBalances(lines, totals);
    }

    public BigDecimal of(LedgerAccount account, String currency, Bucket bucket) {
        return lines.getOrDefault(new Line(account.key(), currency, bucket), BigDecimal.ZERO);
    }

    /** A wallet account's three buckets; zero where nothing was ever posted. */
    public AccountBalances wallet(AccountId account) {
        return new AccountBalances(of(account, account.currency(), Bucket.AVAILABLE),
                of(account, account.currency(), Bucket.LOCKED), of(account, account.currency(), Bucket.SAVINGS));
    }

    public BigDecimal system(SystemAccount account, String currency) {
        return of(account, currency, Bucket.BALANCE);
    }

    /** The sum over all accounts, user and system, per currency: zero in a double-entry ledger. */
    public Map<String, BigDecimal> totalsByCurrency() {
        return totals;
    }

    public Map<Line, BigDecimal> lines() {
        return lines;
    }

    /** Wallet buckets below zero; the ledger promises there are none. */
    public List<Line> negativeWalletLines() {
        return lines.entrySet().stream()
                .filter(line -> line.getKey().bucket() != Bucket.BALANCE && line.getValue().signum() < 0)
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public String toString() {
        return "LedgerBalances" + lines + " totals " + totals;
    }
}
