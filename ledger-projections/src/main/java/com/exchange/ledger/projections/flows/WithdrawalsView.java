package com.exchange.ledger.projections.flows;

import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalApproved;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalFundsLocked;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRefused;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRejected;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRequested;
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

/** The {@code withdrawals} view: a withdrawal's user, amounts, address, status and the admin's decision. */
@ProcessingGroup(FlowsProjection.PROCESSING_GROUP)
public final class WithdrawalsView extends FlowView {

    WithdrawalsView(MongoDatabase database, CurrencyTable currencies) {
        super(database, FlowsProjection.WITHDRAWALS, currencies, WithdrawalsView::documentRead);
    }

    /** The withdrawal list's queries (by status or by user, in request order) and the sweeper's. */
    @Override
    void ensureIndexes() {
        collection().createIndex(Indexes.ascending("status", "updated_at"), new IndexOptions().name("status_1_updated_at_1"));
        collection().createIndex(Indexes.ascending("status", "requested_at", "_id"), new IndexOptions().name("status_1_requested_at_1__id_1"));
        collection().createIndex(Indexes.ascending("user_id", "requested_at", "_id"), new IndexOptions().name("user_id_1_requested_at_1__id_1"));
    }

    /** The flow document an event of this view reads: what a batch reads ahead with one {@code $in}. */
    static List<String> documentRead(Object payload) {
        if (payload instanceof WithdrawalRequested e) {
            return List.of(e.withdrawalId().value());
        } else if (payload instanceof WithdrawalFundsLocked e) {
            return List.of(e.withdrawalId().value());
        } else if (payload instanceof WithdrawalRefused e) {
            return List.of(e.withdrawalId().value());
        } else if (payload instanceof WithdrawalApproved e) {
            return List.of(e.withdrawalId().value());
        } else if (payload instanceof WithdrawalRejected e) {
            return List.of(e.withdrawalId().value());
        }
        return List.of();
    }

    @EventHandler
    void on(WithdrawalRequested e, @SequenceNumber long seq, @Timestamp Instant at) {
        create(e.withdrawalId().value(), seq, at, new Document("user_id", e.account().user().value())
                .append("currency", e.account().currency())
                .append("amount", amount(e.amount()))
                .append("fee", amount(e.fee()))
                .append("address", e.address())
                .append("status", "requested")
                .append("requested_at", Date.from(e.requestedAt())));
    }

    @EventHandler
    void on(WithdrawalFundsLocked e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.withdrawalId().value(), seq, at, new Document("status", "pending"));
    }

    @EventHandler
    void on(WithdrawalRefused e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.withdrawalId().value(), seq, at, refusal(e.code(), e.detail()));
    }

    @EventHandler
    void on(WithdrawalApproved e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.withdrawalId().value(), seq, at, new Document("status", "approved")
                .append("decided_by", e.decidedBy()).append("decided_by_key_name", e.decidedByKeyName())
                .append("decided_at", Date.from(e.decidedAt())));
    }

    @EventHandler
    void on(WithdrawalRejected e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.withdrawalId().value(), seq, at, new Document("status", "rejected")
                .append("decided_by", e.decidedBy()).append("decided_by_key_name", e.decidedByKeyName())
                .append("decided_at", Date.from(e.decidedAt()))
                .append("reason", e.reason()));
    }
}
