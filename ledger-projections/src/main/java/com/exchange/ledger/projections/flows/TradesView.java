package com.exchange.ledger.projections.flows;

import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.trade.TradeEvents.TradeCancelled;
import com.exchange.ledger.core.trade.TradeEvents.TradeCompleted;
import com.exchange.ledger.core.trade.TradeEvents.TradeOpened;
import com.exchange.ledger.core.trade.TradeEvents.TradeRefused;
import com.exchange.ledger.core.trade.TradeEvents.TradeRequested;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/** The {@code p2p_trades} view: a trade's parties, amounts, status, expiry and settlement; the expiry sweeper reads it. */
@ProcessingGroup(FlowsProjection.PROCESSING_GROUP)
public final class TradesView extends FlowView {

    private volatile Runnable tradeOpened = () -> {
    };

    TradesView(MongoDatabase database, CurrencyTable currencies) {
        super(database, FlowsProjection.TRADES, currencies, TradesView::documentRead);
    }

    /** The sweeper's queries: flows by status and age, open trades by expiry. */
    @Override
    void ensureIndexes() {
        collection().createIndex(Indexes.ascending("status", "updated_at"), new IndexOptions().name("status_1_updated_at_1"));
        collection().createIndex(Indexes.ascending("status", "expires_at"), new IndexOptions().name("status_1_expires_at_1"));
    }

    /**
     * Told when a trade is shown open: its expiry may come before the one the expiry sweeper waits for. Only the
     * instance whose processor handled it hears it; the sweeper's bounded re-check covers the others.
     */
    public void onTradeOpened(Runnable listener) {
        this.tradeOpened = listener;
    }

    /** The flow document an event of this view reads: what a batch reads ahead with one {@code $in}. */
    static List<String> documentRead(Object payload) {
        if (payload instanceof TradeRequested e) {
            return List.of(e.tradeId().value());
        } else if (payload instanceof TradeOpened e) {
            return List.of(e.tradeId().value());
        } else if (payload instanceof TradeRefused e) {
            return List.of(e.tradeId().value());
        } else if (payload instanceof TradeCompleted e) {
            return List.of(e.tradeId().value());
        } else if (payload instanceof TradeCancelled e) {
            return List.of(e.tradeId().value());
        }
        return List.of();
    }

    @EventHandler
    void on(TradeRequested e, @SequenceNumber long seq, @Timestamp Instant at) {
        create(e.tradeId().value(), seq, at, new Document("seller_id", e.seller().user().value())
                .append("buyer_id", e.buyer().user().value())
                .append("currency", e.seller().currency())
                .append("amount", amount(e.amount()))
                .append("fee", amount(e.fee()))
                .append("status", "requested")
                .append("opened_at", Date.from(e.openedAt()))
                .append("expires_at", Date.from(e.expiresAt())));
    }

    @EventHandler
    void on(TradeOpened e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.tradeId().value(), seq, at, new Document("status", "open"));
        // told once the batch's writes are in the store, so the sweeper asking at once finds the trade open
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> tradeOpened.run());
        } else {
            tradeOpened.run();
        }
    }

    @EventHandler
    void on(TradeRefused e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.tradeId().value(), seq, at, refusal(e.code(), e.detail()));
    }

    @EventHandler
    void on(TradeCompleted e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.tradeId().value(), seq, at, new Document("status", "completed").append("settled_at", Date.from(e.at())));
    }

    @EventHandler
    void on(TradeCancelled e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.tradeId().value(), seq, at, new Document("status", e.expired() ? "expired" : "cancelled")
                .append("settled_at", Date.from(e.at())));
    }
}
