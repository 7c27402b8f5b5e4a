package com.exchange.ledger.benchmarks.measure;

import java.util.Locale;

/**
 * The one line per measure that {@code bin/benchmark-suite} collects from every benchmark into its table: the
 * ledger's figure, the baseline measured in the same run, their ratio.
 */
public final class Suite {

    private Suite() {
    }

    /** Set during a warm-up round, whose figures are not reported. */
    public static volatile boolean muted;

    public static void line(String measure, String unit, double ledger, double baseline) {
        if (muted) {
            return;
        }
        System.out.printf(Locale.ROOT, "SUITE|%s|%s|%.1f|%.1f|%.2f%n", measure, unit, ledger, baseline, baseline == 0 ? 0 : ledger / baseline);
    }
}
