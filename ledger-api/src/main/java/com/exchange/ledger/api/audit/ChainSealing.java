package com.exchange.ledger.api.audit;

import com.exchange.ledger.projections.chain.ChainSealer;
import com.exchange.ledger.api.schedule.PeriodicTask;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Runs the event log's sealer (docs/adr/0013-tamper-evident-log.md) on a schedule of its own, off the append path.
 * Every instance runs one; they agree on every chain value, so the only cost of two is a repeated read.
 */
class ChainSealing extends PeriodicTask {

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
    private final boolean enabled;

    ChainSealing(ChainSealer sealer, Duration interval, boolean enabled) {
        super("chain-sealer", interval);
        this.sealer = sealer;
        this.enabled = enabled;
    }

    @Override
    public boolean isAutoStartup() {
        return enabled;
    }

    @Override
    protected void tick() {
        sealer.sealOnce();
    }
}
