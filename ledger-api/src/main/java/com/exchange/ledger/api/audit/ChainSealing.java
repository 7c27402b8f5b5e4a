package com.exchange.ledger.api.audit;

import com.exchange.ledger.projections.chain.ChainSealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the event log's sealer (docs/adr/0012-tamper-evident-log.md) on a schedule of its own, off the append path.
 * Every instance runs one; they agree on every chain value, so the only cost of two is a repeated read.
 */
class ChainSealing implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainSealing.class);

    /**
     * @param sealInterval     how long an appended event may stay outside the chain (protected by its own hash only)
     * @param maxPerCheckpoint positions per checkpoint at most (32 bytes each in it), 1-1000
     * @param genesisPosition  where a store without a chain starts it: 0, or an existing store's head at the upgrade
     * @param sealing          whether this process seals; {@code bin/ledger-admin} only reads, so an auditor's
     *                         verification never seals what it is checking
     */
    @ConfigurationProperties(prefix = "ledger.chain")
    record Settings(@DefaultValue("5s") Duration sealInterval, @DefaultValue("1000") int maxPerCheckpoint,
                    @DefaultValue("0") long genesisPosition, @DefaultValue("true") boolean sealing) {
    }

    private final ChainSealer sealer;
    private final Duration interval;
    private final boolean enabled;
    private ScheduledExecutorService scheduler;

    ChainSealing(ChainSealer sealer, Duration interval, boolean enabled) {
        this.sealer = sealer;
        this.interval = interval;
        this.enabled = enabled;
    }

    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chain-sealer");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                sealer.sealOnce();
            } catch (RuntimeException failure) {
                log.warn("sealing the event log failed, retrying in {} ms: {}", millis, failure.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
