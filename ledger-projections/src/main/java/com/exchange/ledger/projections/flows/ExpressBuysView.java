package com.exchange.ledger.projections.flows;

import com.exchange.ledger.core.expressbuy.ExpressBuyEvents.ExpressBuyCompleted;
import com.exchange.ledger.core.expressbuy.ExpressBuyEvents.ExpressBuyPlaced;
import com.exchange.ledger.core.expressbuy.ExpressBuyEvents.ExpressBuyRefused;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.List;

/** The {@code express_buys} view: an order's crypto and fiat amounts, its payment reference and status. */
@ProcessingGroup(FlowsProjection.PROCESSING_GROUP)
public final class ExpressBuysView extends FlowView {

    ExpressBuysView(MongoDatabase database, CurrencyTable currencies) {
        super(database, FlowsProjection.EXPRESS_BUYS, currencies, ExpressBuysView::documentRead);
    }

    /** The sweeper's query: orders by status and age. */
    @Override
    void ensureIndexes() {
        collection().createIndex(Indexes.ascending("status", "updated_at"), new IndexOptions().name("status_1_updated_at_1"));
    }

    /**
     * The payment reference an express-buy order was placed with, once this view has seen the order (a placed order's
     * reference never changes, so a found one is final; an absent one may only be late).
     */
    public Optional<String> paymentRefOf(String orderId) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", orderId)).projection(new Document("payment_ref", 1)).first())
                .map(order -> order.getString("payment_ref"));
    }

    /** The flow document an event of this view reads: what a batch reads ahead with one {@code $in}. */
    static List<String> documentRead(Object payload) {
        if (payload instanceof ExpressBuyPlaced e) {
            return List.of(e.orderId().value());
        } else if (payload instanceof ExpressBuyCompleted e) {
            return List.of(e.orderId().value());
        } else if (payload instanceof ExpressBuyRefused e) {
            return List.of(e.orderId().value());
        }
        return List.of();
    }

    @EventHandler
    void on(ExpressBuyPlaced e, @SequenceNumber long seq, @Timestamp Instant at) {
        create(e.orderId().value(), seq, at, new Document("user_id", e.account().user().value())
                .append("currency", e.account().currency())
                .append("amount", amount(e.amount()))
                .append("fee", amount(e.fee()))
                .append("fiat_currency", e.fiatAmount().currency())
                .append("fiat_amount", amount(e.fiatAmount()))
                .append("payment_ref", e.paymentRef())
                .append("status", "requested")
                .append("placed_at", Date.from(e.placedAt())));
    }

    @EventHandler
    void on(ExpressBuyCompleted e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.orderId().value(), seq, at, new Document("status", "completed"));
    }

    @EventHandler
    void on(ExpressBuyRefused e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.orderId().value(), seq, at, refusal(e.code(), e.detail()));
    }
}
