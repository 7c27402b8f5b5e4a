package com.exchange.ledger.migration;

import java.io.PrintStream;
import java.time.Clock;

/** Progress lines while a long phase runs: rows done of the expected, rate, time left. At most one line per 2 s. */
final class Progress {

    private static final long EVERY_MILLIS = 2_000;

    private final PrintStream out;
    private final Clock clock;
    private String phase;
    private long expected;
    private long done;
    private long startedAt;
    private long lastPrinted;

    Progress(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void start(String phase, long expected) {
        this.phase = phase;
        this.expected = expected;
        this.done = 0;
        this.startedAt = clock.millis();
        this.lastPrinted = startedAt;
    }

    void row() {
        at(done + 1);
    }

    void at(long rows) {
        done = rows;
        long now = clock.millis();
        if (now - lastPrinted >= EVERY_MILLIS) {
            lastPrinted = now;
            print(now, false);
        }
    }

    void done() {
        print(clock.millis(), true);
    }

    private void print(long now, boolean finished) {
        double seconds = Math.max(0.001, (now - startedAt) / 1000.0);
        double rate = done / seconds;
        String eta = finished ? String.format("in %.1f s", seconds)
                : rate > 0 && expected > done ? String.format("ETA %.0f s", (expected - done) / rate) : "ETA ?";
        out.printf("  %-18s %,12d / %,d rows  %,9.0f rows/s  %s%n", phase, done, Math.max(expected, done), rate, eta);
    }
}
