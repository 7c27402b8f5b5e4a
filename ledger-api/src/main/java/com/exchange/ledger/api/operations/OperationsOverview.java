package com.exchange.ledger.api.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the operations page and an operator's {@code curl} read in one answer: the figures the gauges show (each
 * processor's lag and parked events, open holds by age, flows and transfers in flight) and the last scheduled
 * reconciliation's verdict. Built from what the sampler and the reconciliation kept, like the health component: a
 * request never queries the store, so an operator refreshing the page costs the ledger nothing.
 */
public final class OperationsOverview {

    /** One event processor: how far behind the head of the store, and how many of its events are parked. */
    public record Processor(String name, long lagEvents, double lagSeconds, long parked) {
    }

    /** The last scheduled reconciliation: {@code verdict} is clean, not clean, failed or not run yet. */
    public record LastReconciliation(String verdict, Instant ranAt, long eventsRead, String problem) {
    }

    /** {@code sampledAt} is null until the sampler's first look at the store (the first second of an instance). */
    public record View(Instant sampledAt, List<Processor> processors, long parkedEvents, Map<String, Long> openHoldsByAge,
                       Map<String, Long> flowsInFlight, long transfersInFlight, LastReconciliation lastReconciliation) {
    }

    private final LedgerSampler sampler;
    private final ScheduledReconciliation reconciliation;

    public OperationsOverview(LedgerSampler sampler, ScheduledReconciliation reconciliation) {
        this.sampler = sampler;
        this.reconciliation = reconciliation;
    }

    public View now() {
        Map<String, LedgerSampler.Lag> lags = sampler.lags();
        Map<String, Long> parked = sampler.parked();
        TreeSet<String> names = new TreeSet<>(lags.keySet());
        names.addAll(parked.keySet());
        List<Processor> processors = new ArrayList<>();
        long parkedEvents = 0;
        for (String name : names) {
            LedgerSampler.Lag lag = lags.getOrDefault(name, new LedgerSampler.Lag(0, 0));
            long parkedHere = parked.getOrDefault(name, 0L);
            parkedEvents += parkedHere;
            processors.add(new Processor(name, lag.events(), lag.seconds(), parkedHere));
        }
        Map<String, Long> holds = new java.util.LinkedHashMap<>();
        Map<String, Long> byAge = sampler.openHoldsByAge();
        LedgerSampler.HOLD_AGES.forEach(age -> holds.put(age, byAge.getOrDefault(age, 0L)));
        ScheduledReconciliation.Verdict verdict = reconciliation.last().orElseThrow();
        return new View(sampler.sampledAt().orElse(null), processors, parkedEvents, holds,
                new TreeMap<>(sampler.flowsInFlight()), sampler.transfersInFlight(),
                new LastReconciliation(verdict.said(), verdict.ranAt(), verdict.eventsRead(), verdict.problem()));
    }
}
