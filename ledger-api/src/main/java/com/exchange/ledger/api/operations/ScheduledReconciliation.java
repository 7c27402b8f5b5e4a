package com.exchange.ledger.api.operations;

import com.exchange.ledger.projections.audit.ReconciliationReport;
import com.exchange.ledger.projections.audit.Reconciler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The auditor's replay run on a schedule ({@code ledger.reconciliation.interval}), its verdict kept for the health
 * component and the gauges. A run replays the whole store: the interval is minutes, not seconds.
 */
public final class ScheduledReconciliation {

    private static final Logger log = LoggerFactory.getLogger(ScheduledReconciliation.class);

    /** What the last run found; {@code clean} null while none has run. */
    public record Verdict(Boolean clean, Instant ranAt, long eventsRead, String problem) {

        /** The verdict in words, as the health component and the operations page say it. */
        public String said() {
            return clean == null ? (ranAt == null ? "not run yet" : "failed") : clean ? "clean" : "not clean";
        }
    }

    private final Reconciler reconciler;
    private final Duration stuckAfter;
    private final Clock clock;
    private final Timer duration;
    private volatile Verdict last = new Verdict(null, null, 0, null);

    public ScheduledReconciliation(Reconciler reconciler, Duration stuckAfter, MeterRegistry registry, Clock clock) {
        this.reconciler = reconciler;
        this.stuckAfter = stuckAfter;
        this.clock = clock;
        this.duration = Timer.builder("ledger.reconciliation.duration").description("how long the scheduled replay took")
                .register(registry);
        // 1 clean, 0 not clean, -1 not run yet (or the last run failed)
        Gauge.builder("ledger.reconciliation.clean", this, s -> s.last.clean() == null ? -1 : s.last.clean() ? 1 : 0)
                .description("the last reconciliation's verdict: 1 clean, 0 not clean, -1 none yet").register(registry);
        Gauge.builder("ledger.reconciliation.last.run", this, s -> s.last.ranAt() == null ? 0 : s.last.ranAt().getEpochSecond())
                .description("when the last reconciliation ran, as Unix time").baseUnit("seconds").register(registry);
    }

    public Verdict run() {
        Instant now = clock.instant();
        long start = System.nanoTime();
        try {
            ReconciliationReport report = reconciler.run(stuckAfter, now);
            last = new Verdict(report.clean(), now, report.eventsRead(), report.clean() ? null : summary(report));
            if (report.clean()) {
                log.info("reconciliation clean: {} events read", report.eventsRead());
            } else {
                log.error("reconciliation NOT clean: {}", last.problem());
            }
        } catch (RuntimeException failure) {
            last = new Verdict(null, now, 0, "the replay failed: " + failure.getClass().getSimpleName());
            log.warn("reconciliation failed: {}", failure.toString());
        } finally {
            duration.record(Duration.ofNanos(System.nanoTime() - start));
        }
        return last;
    }

    private static String summary(ReconciliationReport report) {
        long notZero = report.currencies().stream().filter(c -> !c.zeroSum()).count();
        return notZero + " currencies not summing to zero, " + report.negativeBalances().size() + " negative balances, "
                + report.stuckHolds().size() + " stuck holds, " + report.walletDifferences().size() + " wallet differences, "
                + report.recordedMismatches().size() + " recorded mismatches";
    }

    public Optional<Verdict> last() {
        return Optional.of(last);
    }
}
