package com.exchange.ledger.migration.verify;

import com.exchange.ledger.migration.legacy.LegacyCollection;
import com.exchange.ledger.migration.legacy.LegacyRow;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What the legacy side adds up to, counted while the rows are read: the left-hand side of every check. */
public final class LegacyTotals {

    /** Rows of one collection. */
    public static final class Counts {
        public long read;
        public long accepted;
        public long rejected;
    }

    /** One currency: accepted total at its precision (per bucket), rounding residue, rejected total. */
    public static final class CurrencyTotals {
        public BigDecimal available = BigDecimal.ZERO;
        public BigDecimal locked = BigDecimal.ZERO;
        public BigDecimal savings = BigDecimal.ZERO;
        public BigDecimal residue = BigDecimal.ZERO;
        public BigDecimal rejected = BigDecimal.ZERO;
        public long rejectedRows;

        public BigDecimal total() {
            return available.add(locked).add(savings);
        }
    }

    private final Map<LegacyCollection, Counts> counts = new EnumMap<>(LegacyCollection.class);
    private final Map<String, CurrencyTotals> currencies = new TreeMap<>();
    private final Set<String> users = new HashSet<>();
    private final Set<String> accounts = new HashSet<>();

    public LegacyTotals() {
        for (LegacyCollection collection : LegacyCollection.values()) {
            counts.put(collection, new Counts());
        }
    }

    public void read(LegacyCollection collection) {
        counts.get(collection).read++;
    }

    public void accepted(LegacyRow.Accepted row) {
        counts.get(row.collection()).accepted++;
        CurrencyTotals totals = currencies.computeIfAbsent(row.account().currency(), c -> new CurrencyTotals());
        totals.available = totals.available.add(row.available().amount());
        totals.locked = totals.locked.add(row.locked().amount());
        totals.savings = totals.savings.add(row.savings().amount());
        totals.residue = totals.residue.add(row.residue());
        users.add(row.account().user().value());
        accounts.add(row.account().key());
    }

    public void rejected(LegacyRow.Rejected row) {
        counts.get(row.collection()).rejected++;
        CurrencyTotals totals = currencies.computeIfAbsent(row.currency() == null ? "(none)" : row.currency(), c -> new CurrencyTotals());
        totals.rejected = totals.rejected.add(row.amount());
        totals.rejectedRows++;
    }

    public Map<LegacyCollection, Counts> counts() {
        return counts;
    }

    public Map<String, CurrencyTotals> currencies() {
        return currencies;
    }

    public long users() {
        return users.size();
    }

    public long accounts() {
        return accounts.size();
    }

    public long rejectedRows() {
        return counts.values().stream().mapToLong(c -> c.rejected).sum();
    }

    public long rowsRead() {
        return counts.values().stream().mapToLong(c -> c.read).sum();
    }
}
