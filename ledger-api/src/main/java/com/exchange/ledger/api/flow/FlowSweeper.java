package com.exchange.ledger.api.flow;

import com.exchange.ledger.core.expressbuy.ExpressBuyProcess;
import com.exchange.ledger.core.expressbuy.OrderId;
import com.exchange.ledger.core.swap.SwapId;
import com.exchange.ledger.core.swap.SwapProcess;
import com.exchange.ledger.core.trade.TradeCommands.ExpireTrade;
import com.exchange.ledger.core.trade.TradeId;
import com.exchange.ledger.core.trade.TradeProcess;
import com.exchange.ledger.core.withdrawal.WithdrawalId;
import com.exchange.ledger.core.withdrawal.WithdrawalProcess;
import com.exchange.ledger.projections.flows.FlowQueries;
import com.exchange.ledger.projections.flows.FlowQueries.OpenTrade;
import com.exchange.ledger.projections.flows.FlowsProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import com.exchange.ledger.api.schedule.PeriodicTask;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The ledger's own housekeeping of the product flows, driven by the flows read model so it survives restarts:
 * <ul>
 *   <li>a P2P trade still open at its expiry is cancelled (its escrow returns to the seller);</li>
 *   <li>a flow a crash left half-way (requested, its funds not yet locked or refused; a swap funded but not
 *       finished) for longer than the grace period is resumed: its steps are idempotent, so the done ones repeat
 *       harmlessly and the rest are finished or compensated.</li>
 * </ul>
 * Every instance sweeps; two instances racing on one flow are serialised by its aggregate. A bounded number of flows
 * is handled per sweep.
 */
@Component
public class FlowSweeper extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(FlowSweeper.class);
    static final int MAX_PER_SWEEP = 200;

    /**
     * @param sweepInterval how often a due expiry is looked for (the precision of expiries)
     * @param recoveryGrace how long a flow may stay half-way before it is taken for interrupted (longer than any request);
     *                      half-way flows are looked for once per grace, so one is resumed 1-2 graces after it stopped
     * @param expiryRecheck the longest the sweeper trusts the next expiry it knows: a trade opened through another
     *                      instance's processor is seen within it
     */
    @ConfigurationProperties(prefix = "ledger.flows")
    public record Settings(@DefaultValue("1s") Duration sweepInterval, @DefaultValue("30s") Duration recoveryGrace,
                           @DefaultValue("10s") Duration expiryRecheck) {
    }

    private final FlowQueries views;
    private final TradeProcess trades;
    private final WithdrawalProcess withdrawals;
    private final SwapProcess swaps;
    private final ExpressBuyProcess expressBuys;
    private final Settings settings;
    private final Clock clock;
    /** When the open trades are next looked at: the earliest expiry known, or the re-check. */
    private volatile Instant nextExpiryLook = Instant.MIN;
    /** A trade was shown open since the last look: its expiry may be earlier than the one waited for. */
    private final java.util.concurrent.atomic.AtomicBoolean tradeOpened = new java.util.concurrent.atomic.AtomicBoolean();
    private Instant nextRecoveryLook = Instant.MIN;

    FlowSweeper(FlowQueries views, TradeProcess trades, WithdrawalProcess withdrawals, SwapProcess swaps,
                ExpressBuyProcess expressBuys, Settings settings, Clock clock, FlowsProjection flows) {
        super("flow-sweeper", settings.sweepInterval());
        flows.trades().onTradeOpened(() -> tradeOpened.set(true));
        this.views = views;
        this.trades = trades;
        this.withdrawals = withdrawals;
        this.swaps = swaps;
        this.expressBuys = expressBuys;
        this.settings = settings;
        this.clock = clock;
    }

    /** One full pass; public so tests and operators can run it on demand. */
    public void sweep() {
        Instant now = clock.instant();
        expireDueTrades(now);
        resumeHalfWayFlows(now);
    }

    /**
     * A tick of the schedule: it asks the store only when an expiry is due (or a trade was opened since, or the
     * re-check is up) and for half-way flows once per grace, so an idle ledger costs its store next to nothing.
     */
    @Override
    protected void tick() {
        Instant now = clock.instant();
        if (tradeOpened.getAndSet(false) || !now.isBefore(nextExpiryLook)) {
            expireDueTrades(now);
        }
        if (!now.isBefore(nextRecoveryLook)) {
            nextRecoveryLook = now.plus(settings.recoveryGrace());
            resumeHalfWayFlows(now);
        }
    }

    /** Expires the open trades past their expiry, earliest first, and notes when the next one is due. */
    private void expireDueTrades(Instant now) {
        Instant next = now.plus(settings.expiryRecheck());
        List<OpenTrade> open = views.openTradesByExpiry(MAX_PER_SWEEP);
        for (OpenTrade trade : open) {
            Instant expiresAt = trade.expiresAt();
            if (expiresAt.isAfter(now)) {
                nextExpiryLook = expiresAt.isBefore(next) ? expiresAt : next;
                return;
            }
            String id = trade.tradeId();
            try {
                trades.expire(new ExpireTrade(TradeId.of(id), now));
                log.info("swept {} {}", FlowsProjection.TRADES, id);
            } catch (RuntimeException failure) {
                log.warn("sweeping {} {} failed, next sweep retries: {}", FlowsProjection.TRADES, id, failure.toString());
                next = now; // look again at the next tick
            }
        }
        // all of them due: more may be, beyond the page
        nextExpiryLook = open.size() == MAX_PER_SWEEP ? now : next;
    }

    private void resumeHalfWayFlows(Instant now) {
        Instant stuckBefore = now.minus(settings.recoveryGrace());
        each(FlowsProjection.WITHDRAWALS, stuckBefore, views::halfWayWithdrawals, id -> withdrawals.resume(WithdrawalId.of(id)));
        each(FlowsProjection.TRADES, stuckBefore, views::halfWayTrades, id -> trades.resume(TradeId.of(id)));
        each(FlowsProjection.SWAPS, stuckBefore, views::halfWaySwaps, id -> swaps.resume(SwapId.of(id)));
        each(FlowsProjection.EXPRESS_BUYS, stuckBefore, views::halfWayExpressBuys, id -> expressBuys.resume(OrderId.of(id)));
    }

    private void each(String collection, Instant stuckBefore, BiFunction<Instant, Integer, List<String>> halfWay,
                      Consumer<String> action) {
        List<String> ids = halfWay.apply(stuckBefore, MAX_PER_SWEEP);
        for (String id : ids) {
            try {
                action.accept(id);
                log.info("swept {} {}", collection, id);
            } catch (RuntimeException failure) {
                log.warn("sweeping {} {} failed, next sweep retries: {}", collection, id, failure.toString());
            }
        }
    }

    /** After Axon's processors are up (they start in an earlier phase) and stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
