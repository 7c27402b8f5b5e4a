package com.exchange.ledger.projections.transactions;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.reactivestreams.Publisher;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reads of the {@code transactions} view {@link TransactionsProjection} writes, with the reactive driver: the API
 * asks these methods and maps their documents with {@link #transaction(Document)}, so the documents' field names stay
 * this package's business. Amounts come back at the currency's scale, as they were stored.
 */
public class TransactionsQueries {

    /** One movement of a wallet; {@code globalIndex} is the event's position in the store, a page's cursor. */
    public record Transaction(String transactionId, String operationId, String type, String currency, BigDecimal amount,
                              String direction, BigDecimal availableAfter, BigDecimal lockedAfter, BigDecimal savingsAfter,
                              String counterparty, String reason, Instant createdAt, long globalIndex) {
    }

    private final MongoDatabase reactiveDatabase;

    public TransactionsQueries(MongoDatabase reactiveDatabase) {
        this.reactiveDatabase = reactiveDatabase;
    }

    /**
     * A user's movements newest first, of one currency and one type when given (null: any), before the store position
     * {@code beforeGlobalIndex} (null: from the newest), at most {@code max}.
     */
    public Publisher<Document> newestFirst(String userId, String currency, String type, Long beforeGlobalIndex, int max) {
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("user_id", userId));
        if (currency != null) {
            filters.add(Filters.eq("currency", currency));
        }
        if (type != null) {
            filters.add(Filters.eq("type", type));
        }
        if (beforeGlobalIndex != null) {
            filters.add(Filters.lt("global_index", beforeGlobalIndex));
        }
        return reactiveDatabase.getCollection(TransactionsProjection.COLLECTION).find(Filters.and(filters))
                .sort(Sorts.descending("global_index")).limit(max);
    }

    public static Transaction transaction(Document d) {
        return new Transaction(d.getString("_id"), d.getString("operation_id"), d.getString("type"), d.getString("currency"),
                amount(d, "amount"), d.getString("direction"), amount(d, "available_after"), amount(d, "locked_after"),
                amount(d, "savings_after"), d.getString("counterparty"), d.getString("reason"), d.getDate("created_at").toInstant(),
                ((Number) d.get("global_index")).longValue());
    }

    private static BigDecimal amount(Document document, String field) {
        return ((Decimal128) document.get(field)).bigDecimalValue();
    }
}
