package com.exchange.ledger.projections.flows;

import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.projections.StoredAmounts;
import com.exchange.ledger.projections.batch.BatchWrites;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.bson.Document;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.function.Function;

/**
 * What every flow view shares: one collection, one document per flow, written through the batch ({@link BatchWrites}).
 * Each document records the sequence number of the last event applied ({@code seq}) and a write only lands on an
 * older one, so a re-delivered event never moves a flow back. Documents are replaced whole (never {@code $set}: see
 * store-notes on Decimal128). A flow belongs to one segment, so only one thread writes its document.
 */
abstract class FlowView {

    private final MongoCollection<Document> collection;
    private final CurrencyTable currencies;
    private final BatchWrites writes;

    /**
     * @param documentRead the flow document an event of this view reads (every handler reads its flow's document
     *                     before writing it): what a batch reads ahead with one {@code $in} ({@link BatchWrites})
     */
    FlowView(MongoDatabase database, String collection, CurrencyTable currencies, Function<Object, Collection<?>> documentRead) {
        this.collection = database.getCollection(collection);
        this.currencies = currencies;
        this.writes = new BatchWrites(this.collection, documentRead);
    }

    /** Register on the processor of the flows: the collection's writes of a batch go as one bulk write. */
    MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return writes.flushAtEndOfBatch();
    }

    /** The indexes of this view's queries (none unless a view says otherwise). */
    void ensureIndexes() {
    }

    MongoCollection<Document> collection() {
        return collection;
    }

    BatchWrites writes() {
        return writes;
    }

    @ResetHandler
    void reset() {
        collection.deleteMany(new Document());
    }

    Object amount(Money money) {
        return StoredAmounts.decimal(currencies.require(money.currency()), money);
    }

    static Document refusal(RejectionCode code, String detail) {
        return new Document("status", "refused").append("refusal_code", code.name()).append("refusal_detail", detail);
    }

    /** Writes the flow's first document; a re-delivery finds it there (same or newer) and leaves it. */
    void create(String id, long seq, Instant at, Document fields) {
        if (writes.find(id) != null) {
            return;
        }
        Document document = new Document("_id", id).append("seq", seq).append("updated_at", Date.from(at));
        document.putAll(fields);
        writes.replace(id, document);
    }

    /** Sets {@code fields} on a flow older than this event; a flow not seen yet, or already newer, is left alone. */
    void update(String id, long seq, Instant at, Document fields) {
        Document flow = writes.find(id);
        if (flow == null || !(flow.get("seq") instanceof Number stored) || stored.longValue() >= seq) {
            return;
        }
        flow.putAll(fields);
        writes.replace(id, flow.append("seq", seq).append("updated_at", Date.from(at)));
    }
}
