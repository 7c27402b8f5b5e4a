package com.exchange.ledger.api.benchmark;

import java.util.Locale;

/**
 * The one line per measure that {@code bin/benchmark-suite} collects from every benchmark into its table: the
 * ledger's figure, the baseline measured in the same run, their ratio.
 */
final class Suite {

    private Suite() {
    }

    /** Set during a warm-up round, whose figures are not reported. */
    static volatile boolean muted;

    static void line(String measure, String unit, double ledger, double baseline) {
        if (muted) {
            return;
        }
        System.out.printf(Locale.ROOT, "SUITE|%s|%s|%.1f|%.1f|%.2f%n", measure, unit, ledger, baseline, baseline == 0 ? 0 : ledger / baseline);
    }
}
