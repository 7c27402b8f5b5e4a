package com.exchange.ledger.projections.flows;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reads of the flow views {@link FlowsProjection} writes, as typed records: the API asks these methods and never
 * builds filters on the collections itself, so the documents' field names stay this package's business. Amounts
 * come back at the currency's scale, as they were stored.
 */
public class FlowQueries {

    public static final int MAX_PAGE = 200;

    /** What "in flight" means per flow: requested and not yet settled or refused (a trade open, a swap funded). */
    private static final Map<String, Bson> IN_FLIGHT = Map.of(
            FlowsProjection.WITHDRAWALS, Filters.in("status", "requested", "pending"),
            FlowsProjection.TRADES, Filters.in("status", "requested", "open"),
            FlowsProjection.SWAPS, Filters.in("status", "requested", "funded"),
            FlowsProjection.EXPRESS_BUYS, Filters.eq("status", "requested"));

    /** The flows {@link #inFlightCounts()} counts, by the name of their view. */
    public static final Set<String> IN_FLIGHT_KINDS = IN_FLIGHT.keySet();

    public record Trade(String tradeId, String sellerId, String buyerId, String currency, BigDecimal amount, BigDecimal fee,
                        String status, Instant openedAt, Instant expiresAt, Instant settledAt, String refusalCode) {
    }

    public record Swap(String swapId, String userId, String fromCurrency, String toCurrency, BigDecimal fromAmount,
                       BigDecimal toAmount, String rate, String feeCurrency, BigDecimal fee, String status, Instant requestedAt,
                       String refusalCode) {
    }

    public record ExpressBuy(String orderId, String userId, String currency, BigDecimal amount, BigDecimal fee, String fiatCurrency,
                             BigDecimal fiatAmount, String paymentRef, String status, Instant placedAt, String refusalCode) {
    }

    public record Deposit(String paymentId, String userId, String currency, String status, BigDecimal creditedTotal, int credits,
                          int notifications, boolean reviewRequired, String reviewReason, Instant firstNotifiedAt,
                          Instant lastNotifiedAt) {
    }

    public record Withdrawal(String withdrawalId, String userId, String currency, BigDecimal amount, BigDecimal fee, String address,
                             String status, Instant requestedAt, String decidedBy, String decidedByKeyName, Instant decidedAt,
                             String reason, String refusalCode) {
    }

    /** Where a page of withdrawals ended: the next page starts after it. */
    public record WithdrawalPosition(Instant requestedAt, String withdrawalId) {
    }

    public record WithdrawalPage(List<Withdrawal> withdrawals, WithdrawalPosition next) {
    }

    /** A trade still open, with the expiry the sweeper waits for. */
    public record OpenTrade(String tradeId, Instant expiresAt) {
    }

    /** Where a page of deposits ended: the next page starts after it. */
    public record DepositPosition(Instant firstNotifiedAt, String paymentId) {
    }

    public record DepositPage(List<Deposit> deposits, DepositPosition next) {
    }

    private final MongoDatabase database;

    public FlowQueries(MongoDatabase database) {
        this.database = database;
    }

    /** The review queue's index: without it every page is a scan of every deposit ever notified. */
    public void ensureIndexes() {
        database.getCollection(FlowsProjection.DEPOSITS).createIndex(Indexes.ascending("review_required", "first_notified_at", "_id"),
                new IndexOptions().name("review_required_1_first_notified_at_1__id_1"));
    }

    public Optional<Trade> trade(String tradeId) {
        return byId(FlowsProjection.TRADES, tradeId).map(d -> new Trade(d.getString("_id"), d.getString("seller_id"),
                d.getString("buyer_id"), d.getString("currency"), amount(d, "amount"), amount(d, "fee"), d.getString("status"),
                instant(d, "opened_at"), instant(d, "expires_at"), instant(d, "settled_at"), d.getString("refusal_code")));
    }

    public Optional<Swap> swap(String swapId) {
        return byId(FlowsProjection.SWAPS, swapId).map(d -> new Swap(d.getString("_id"), d.getString("user_id"),
                d.getString("from_currency"), d.getString("to_currency"), amount(d, "from_amount"), amount(d, "to_amount"),
                d.getString("rate"), d.getString("fee_currency"), amount(d, "fee"), d.getString("status"), instant(d, "requested_at"),
                d.getString("refusal_code")));
    }

    public Optional<ExpressBuy> expressBuy(String orderId) {
        return byId(FlowsProjection.EXPRESS_BUYS, orderId).map(d -> new ExpressBuy(d.getString("_id"), d.getString("user_id"),
                d.getString("currency"), amount(d, "amount"), amount(d, "fee"), d.getString("fiat_currency"), amount(d, "fiat_amount"),
                d.getString("payment_ref"), d.getString("status"), instant(d, "placed_at"), d.getString("refusal_code")));
    }

    public Optional<Deposit> deposit(String paymentId) {
        return byId(FlowsProjection.DEPOSITS, paymentId).map(FlowQueries::deposit);
    }

    /** Deposits flagged for review, oldest notification first, at most {@code limit} after {@code after} (null: from the start). */
    public DepositPage depositsForReview(int limit, DepositPosition after) {
        requirePage(limit);
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("review_required", true)));
        if (after != null) {
            Date at = Date.from(after.firstNotifiedAt());
            filters.add(Filters.or(Filters.gt("first_notified_at", at),
                    Filters.and(Filters.eq("first_notified_at", at), Filters.gt("_id", after.paymentId()))));
        }
        List<Deposit> found = database.getCollection(FlowsProjection.DEPOSITS).find(Filters.and(filters))
                .sort(Sorts.ascending("first_notified_at", "_id")).limit(limit + 1)
                .map(FlowQueries::deposit).into(new ArrayList<>());
        if (found.size() <= limit) {
            return new DepositPage(found, null);
        }
        Deposit last = found.get(limit - 1);
        return new DepositPage(List.copyOf(found.subList(0, limit)), new DepositPosition(last.firstNotifiedAt(), last.paymentId()));
    }

    public Optional<Withdrawal> withdrawal(String withdrawalId) {
        return byId(FlowsProjection.WITHDRAWALS, withdrawalId).map(FlowQueries::withdrawal);
    }

    /**
     * Withdrawals oldest request first (an admin's queue), of one status and one user when given (null: any), at most
     * {@code limit} after {@code after} (null: from the start).
     */
    public WithdrawalPage withdrawals(String status, String userId, int limit, WithdrawalPosition after) {
        requirePage(limit);
        List<Bson> filters = new ArrayList<>();
        if (status != null) {
            filters.add(Filters.eq("status", status));
        }
        if (userId != null) {
            filters.add(Filters.eq("user_id", userId));
        }
        if (after != null) {
            Date at = Date.from(after.requestedAt());
            filters.add(Filters.or(Filters.gt("requested_at", at),
                    Filters.and(Filters.eq("requested_at", at), Filters.gt("_id", after.withdrawalId()))));
        }
        List<Withdrawal> found = database.getCollection(FlowsProjection.WITHDRAWALS)
                .find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Sorts.ascending("requested_at", "_id")).limit(limit + 1)
                .map(FlowQueries::withdrawal).into(new ArrayList<>());
        if (found.size() <= limit) {
            return new WithdrawalPage(found, null);
        }
        Withdrawal last = found.get(limit - 1);
        return new WithdrawalPage(List.copyOf(found.subList(0, limit)), new WithdrawalPosition(last.requestedAt(), last.withdrawalId()));
    }

    /** The open trades, earliest expiry first, at most {@code limit}. */
    public List<OpenTrade> openTradesByExpiry(int limit) {
        requirePage(limit);
        return database.getCollection(FlowsProjection.TRADES).find(Filters.eq("status", "open"))
                .sort(Sorts.ascending("expires_at")).limit(limit)
                .map(d -> new OpenTrade(d.getString("_id"), instant(d, "expires_at"))).into(new ArrayList<>());
    }

    /** Withdrawals requested and neither locked nor refused since before {@code stuckBefore}: a crash left them half-way. */
    public List<String> halfWayWithdrawals(Instant stuckBefore, int limit) {
        return idsSince(FlowsProjection.WITHDRAWALS, Filters.eq("status", "requested"), stuckBefore, limit);
    }

    /** Trades requested and neither opened nor refused since before {@code stuckBefore}. */
    public List<String> halfWayTrades(Instant stuckBefore, int limit) {
        return idsSince(FlowsProjection.TRADES, Filters.eq("status", "requested"), stuckBefore, limit);
    }

    /** Swaps requested or funded and not finished since before {@code stuckBefore}. */
    public List<String> halfWaySwaps(Instant stuckBefore, int limit) {
        return idsSince(FlowsProjection.SWAPS, Filters.in("status", "requested", "funded"), stuckBefore, limit);
    }

    /** Express buys requested and neither funded nor refused since before {@code stuckBefore}. */
    public List<String> halfWayExpressBuys(Instant stuckBefore, int limit) {
        return idsSince(FlowsProjection.EXPRESS_BUYS, Filters.eq("status", "requested"), stuckBefore, limit);
    }

    /** The flows not yet settled, counted per view ({@link #IN_FLIGHT_KINDS}). */
    public Map<String, Long> inFlightCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        IN_FLIGHT.forEach((kind, filter) -> counts.put(kind, database.getCollection(kind).countDocuments(filter)));
        return counts;
    }

    private List<String> idsSince(String collection, Bson status, Instant stuckBefore, int limit) {
        requirePage(limit);
        return database.getCollection(collection).find(Filters.and(status, Filters.lt("updated_at", Date.from(stuckBefore))))
                .limit(limit).map(document -> document.getString("_id")).into(new ArrayList<>());
    }

    private static void requirePage(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_PAGE);
        }
    }

    private static Withdrawal withdrawal(Document d) {
        return new Withdrawal(d.getString("_id"), d.getString("user_id"), d.getString("currency"), amount(d, "amount"),
                amount(d, "fee"), d.getString("address"), d.getString("status"), instant(d, "requested_at"),
                d.getString("decided_by"), d.getString("decided_by_key_name"), instant(d, "decided_at"), d.getString("reason"),
                d.getString("refusal_code"));
    }

    private Optional<Document> byId(String collection, String id) {
        MongoCollection<Document> flows = database.getCollection(collection);
        return Optional.ofNullable(flows.find(Filters.eq("_id", id)).first());
    }

    private static Deposit deposit(Document d) {
        return new Deposit(d.getString("_id"), d.getString("user_id"), d.getString("currency"), d.getString("status"),
                amount(d, "credited_total"), d.getInteger("credits", 0), d.getInteger("notifications", 0),
                d.getBoolean("review_required", false), d.getString("review_reason"), instant(d, "first_notified_at"),
                instant(d, "last_notified_at"));
    }

    private static BigDecimal amount(Document document, String field) {
        return document.get(field) instanceof Decimal128 decimal ? decimal.bigDecimalValue() : null;
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
