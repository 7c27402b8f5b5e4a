package com.exchange.ledger.projections.flows;

import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.projections.batch.BatchWrites;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;

import java.util.List;

/**
 * The {@code flows} read model: one document per product flow, in a collection per kind, each written by its own view
 * ({@link WithdrawalsView}, {@link TradesView}, {@link SwapsView}, {@link ExpressBuysView}, {@link DepositsView}). The API
 * lists them ({@link FlowQueries}), the expiry sweeper finds open trades past their expiry in them, and the recovery
 * sweeper finds flows a crash left half-way.
 * <p>
 * The five views are one unit to the processor: one processing group ({@value #PROCESSING_GROUP}, so one dead-letter
 * queue and one rebuild), one end-of-batch write ({@link #flushAtEndOfBatch}: a bulk write per collection a batch
 * touched, {@link BatchWrites}), their handlers registered together ({@link #views}).
 */
public final class FlowsProjection {

    public static final String PROCESSING_GROUP = "flows";
    public static final String WITHDRAWALS = "withdrawals";
    public static final String TRADES = "p2p_trades";
    public static final String SWAPS = "swaps";
    public static final String EXPRESS_BUYS = "express_buys";
    public static final String DEPOSITS = "deposits";
    public static final List<String> COLLECTIONS = List.of(WITHDRAWALS, TRADES, SWAPS, EXPRESS_BUYS, DEPOSITS);

    private final WithdrawalsView withdrawals;
    private final TradesView trades;
    private final SwapsView swaps;
    private final ExpressBuysView expressBuys;
    private final DepositsView deposits;
    private final List<FlowView> views;

    public FlowsProjection(MongoDatabase database, CurrencyTable currencies) {
        this.withdrawals = new WithdrawalsView(database, currencies);
        this.trades = new TradesView(database, currencies);
        this.swaps = new SwapsView(database, currencies);
        this.expressBuys = new ExpressBuysView(database, currencies);
        this.deposits = new DepositsView(database, currencies);
        this.views = List.of(withdrawals, trades, swaps, expressBuys, deposits);
    }

    /** The event handlers of the flows, to register on the processor of {@value #PROCESSING_GROUP} (and to replay alone). */
    public List<Object> views() {
        return List.copyOf(views);
    }

    public TradesView trades() {
        return trades;
    }

    public ExpressBuysView expressBuys() {
        return expressBuys;
    }

    /**
     * Register on the processor of the flows: each flow collection a batch touched gets one bulk write, sent while
     * the batch's last event is handled.
     */
    public MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        List<MessageHandlerInterceptor<EventMessage<?>>> flushes = views.stream().map(FlowView::flushAtEndOfBatch).toList();
        return (unitOfWork, chain) -> {
            InterceptorChain next = chain;
            for (MessageHandlerInterceptor<EventMessage<?>> flush : flushes) {
                InterceptorChain inner = next;
                next = () -> flush.handle(unitOfWork, inner);
            }
            return next.proceed();
        };
    }

    /**
     * The indexes of the queries on the flows: the sweeper's every second (flows by status and age, trades by status
     * and expiry) and the withdrawal list's (by status or by user, in request order). Without them each of those is
     * a collection scan on MongoDB, growing with every flow ever run. (The stand-in store keeps only unique indexes.)
     */
    public void ensureIndexes() {
        views.forEach(FlowView::ensureIndexes);
    }
}
