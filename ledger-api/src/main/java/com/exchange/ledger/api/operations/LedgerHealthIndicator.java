package com.exchange.ledger.api.operations;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code ledger} health component: DOWN while a read model is more than {@code ledger.health.max-lag} behind
 * the store (its answers would be stale), with the last reconciliation's verdict, each processor's lag and the parked
 * events as details. A reconciliation that is not clean does not take the instance out of service (another
 * instance would answer from the same store): it is shown here and on the {@code ledger.reconciliation.clean} gauge
 * for an alert. Reads only what the sampler and the reconciliation kept: a health check never queries the store.
 */
public final class LedgerHealthIndicator extends AbstractHealthIndicator {

    private final LedgerSampler sampler;
    private final ScheduledReconciliation reconciliation;
    private final Duration maxLag;

    public LedgerHealthIndicator(LedgerSampler sampler, ScheduledReconciliation reconciliation, Duration maxLag) {
        super("the ledger's health could not be read");
        this.sampler = sampler;
        this.reconciliation = reconciliation;
        this.maxLag = maxLag;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> processors = new LinkedHashMap<>();
        boolean lagging = false;
        for (Map.Entry<String, LedgerSampler.Lag> lag : new java.util.TreeMap<>(sampler.lags()).entrySet()) {
            processors.put(lag.getKey(), Map.of("lag_events", lag.getValue().events(), "lag_seconds", lag.getValue().seconds()));
            lagging |= lag.getValue().seconds() > maxLag.toSeconds();
        }
        ScheduledReconciliation.Verdict verdict = reconciliation.last().orElseThrow();
        Map<String, Object> reconciled = new LinkedHashMap<>();
        reconciled.put("verdict", verdict.said());
        reconciled.put("ran_at", verdict.ranAt() == null ? null : verdict.ranAt().toString());
        reconciled.put("events_read", verdict.eventsRead());
        reconciled.put("problem", verdict.problem());
        builder.status(lagging ? org.springframework.boot.actuate.health.Status.DOWN : org.springframework.boot.actuate.health.Status.UP)
                .withDetail("max_lag_seconds", maxLag.toSeconds())
                .withDetail("processors", processors)
                .withDetail("parked_events", sampler.parked())
                .withDetail("reconciliation", reconciled)
                // a detail may not be null: before the first sample (the first second of an instance) it says so
                .withDetail("sampled_at", sampler.sampledAt().map(Object::toString).orElse("not sampled yet"));
    }
}
