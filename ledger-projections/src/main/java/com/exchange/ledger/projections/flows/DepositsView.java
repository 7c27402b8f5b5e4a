package com.exchange.ledger.projections.flows;

import com.exchange.ledger.core.deposit.DepositEvents.DepositCreditDue;
import com.exchange.ledger.core.deposit.DepositEvents.DepositReviewRequired;
import com.exchange.ledger.core.deposit.DepositEvents.PaymentNotificationRecorded;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.Money;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The {@code deposits} view: a gateway payment's user, status, callbacks, credited total and review flag. Its document
 * is rewritten whole on each event: the credited total is an amount that changes.
 */
@ProcessingGroup(FlowsProjection.PROCESSING_GROUP)
public final class DepositsView extends FlowView {

    DepositsView(MongoDatabase database, CurrencyTable currencies) {
        super(database, FlowsProjection.DEPOSITS, currencies, DepositsView::documentRead);
    }

    /** The flow document an event of this view reads: what a batch reads ahead with one {@code $in}. */
    static List<String> documentRead(Object payload) {
        if (payload instanceof PaymentNotificationRecorded e) {
            return List.of(e.paymentId().value());
        } else if (payload instanceof DepositCreditDue e) {
            return List.of(e.paymentId().value());
        } else if (payload instanceof DepositReviewRequired e) {
            return List.of(e.paymentId().value());
        }
        return List.of();
    }

    @EventHandler
    void on(PaymentNotificationRecorded e, @SequenceNumber long seq, @Timestamp Instant at) {
        Document existing = writes().find(e.paymentId().value());
        Document deposit = existing != null ? existing : new Document("_id", e.paymentId().value())
                .append("user_id", e.account().user().value())
                .append("currency", e.account().currency())
                .append("credited_total", amount(new Money(e.account().currency(), BigDecimal.ZERO)))
                .append("credits", 0)
                .append("review_required", false)
                .append("first_notified_at", Date.from(e.notifiedAt()));
        deposit.append("status", e.status()).append("last_notified_at", Date.from(e.notifiedAt()))
                .append("notifications", deposit.getInteger("notifications", 0) + 1);
        if (e.creditDue() != null) {
            deposit.append("credited_total", amount(e.creditDue().creditedTotal())).append("credits", e.creditDue().creditNumber());
        }
        if (e.reviewReason() != null) {
            deposit.append("review_required", true).append("review_reason", e.reviewReason());
        }
        replace(deposit, seq, at);
    }

    /** A credit due as an event of its own: stores written before 2026-12 (now inside the notification). */
    @EventHandler
    void on(DepositCreditDue e, @SequenceNumber long seq, @Timestamp Instant at) {
        Document deposit = writes().find(e.paymentId().value());
        if (deposit != null) {
            replace(deposit.append("credited_total", amount(e.creditedTotal())).append("credits", e.creditNumber()), seq, at);
        }
    }

    @EventHandler
    void on(DepositReviewRequired e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(e.paymentId().value(), seq, at, new Document("review_required", true).append("review_reason", e.reason()));
    }

    private void replace(Document deposit, long seq, Instant at) {
        if (deposit.get("seq") instanceof Number stored && stored.longValue() >= seq) {
            return;
        }
        writes().replace(deposit.get("_id"), deposit.append("seq", seq).append("updated_at", Date.from(at)));
    }
}
