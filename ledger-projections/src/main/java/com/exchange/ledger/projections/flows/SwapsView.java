package com.exchange.ledger.projections.flows;

import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.swap.SwapEvents.SwapCompleted;
import com.exchange.ledger.core.swap.SwapEvents.SwapFunded;
import com.exchange.ledger.core.swap.SwapEvents.SwapRefused;
import com.exchange.ledger.core.swap.SwapEvents.SwapRequested;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/** The {@code swaps} view: a swap's two currencies, amounts, rate, fee and status. */
@ProcessingGroup(FlowsProjection.PROCESSING_GROUP)
public final class SwapsView extends FlowView {

    SwapsView(MongoDatabase database, CurrencyTable currencies) {
        super(database, FlowsProjection.SWAPS, currencies, SwapsView::documentRead);
    }

    /** The sweeper's query: swaps by status and age. */
    @Override
    void ensureIndexes() {
        collection().createIndex(Indexes.ascending("status", "updated_at"), new IndexOptions().name("status_1_updated_at_1"));
    }

    /** The flow document an event of this view reads: what a batch reads ahead with one {@code $in}. */
    static List<String> documentRead(Object payload) {
        if (payload instanceof SwapRequested e) {
            return List.of(e.swapId().value());
        } else if (payload instanceof SwapFunded e) {
            return List.of(e.swapId().value());
        } else if (payload instanceof SwapRefused e) {
            return List.of(e.swapId().value());
        } else if (payload instanceof SwapCompleted e) {
            return List.of(e.swapId().value());
        }
        return List.of();
    }

    @EventHandler
    void on(SwapRequested e, @SequenceNumber long seq, @Timestamp Instant at) {
        create(e.swapId().value(), seq, at, new Document("user_id", e.fromAccount().user().value())
                .append("from_currency", e.fromAccount().currency())
                .append("to_currency", e.toAccount().currency())
                .append("from_amount", amount(e.fromAmount()))
                .append("to_amount", amount(e.toAmount()))
                .append("rate", e.rate().toPlainString())
                .append("fee_currency", e.fee().currency())
                .append("fee", amount(e.fee()))
                .append("status", "requested")
                .append("requested_at", Date.from(e.requestedAt())));
    }

    @EventHandler
    void on(SwapFunded e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.swapId().value(), seq, at, new Document("status", "funded"));
    }

    @EventHandler
    void on(SwapRefused e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.swapId().value(), seq, at, refusal(e.code(), e.detail()));
    }

    @EventHandler
    void on(SwapCompleted e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.swapId().value(), seq, at, new Document("status", "completed"));
    }
}
