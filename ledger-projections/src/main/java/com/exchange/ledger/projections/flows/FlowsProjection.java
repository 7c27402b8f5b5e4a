package com.exchange.ledger.projections.flows;

import com.exchange.ledger.core.deposit.DepositEvents.DepositCreditDue;
import com.exchange.ledger.core.deposit.DepositEvents.DepositReviewRequired;
import com.exchange.ledger.core.deposit.DepositEvents.PaymentNotificationRecorded;
import com.exchange.ledger.core.expressbuy.ExpressBuyEvents.ExpressBuyCompleted;
import com.exchange.ledger.core.expressbuy.ExpressBuyEvents.ExpressBuyPlaced;
import com.exchange.ledger.core.expressbuy.ExpressBuyEvents.ExpressBuyRefused;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.swap.SwapEvents.SwapCompleted;
import com.exchange.ledger.core.swap.SwapEvents.SwapFunded;
import com.exchange.ledger.core.swap.SwapEvents.SwapRefused;
import com.exchange.ledger.core.swap.SwapEvents.SwapRequested;
import com.exchange.ledger.core.trade.TradeEvents.TradeCancelled;
import com.exchange.ledger.core.trade.TradeEvents.TradeCompleted;
import com.exchange.ledger.core.trade.TradeEvents.TradeOpened;
import com.exchange.ledger.core.trade.TradeEvents.TradeRefused;
import com.exchange.ledger.core.trade.TradeEvents.TradeRequested;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalApproved;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalFundsLocked;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRefused;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRejected;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRequested;
import com.exchange.ledger.projections.StoredAmounts;
import com.exchange.ledger.projections.batch.BatchWrites;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One document per product flow, in a collection per kind ({@code withdrawals}, {@code p2p_trades}, {@code swaps},
 * {@code express_buys}, {@code deposits}): its parties, amounts, status and times. The API lists them, the expiry
 * sweeper finds open trades past their expiry in them, and the recovery sweeper finds flows a crash left half-way.
 * <p>
 * Each document records the sequence number of the last event applied ({@code seq}) and a write only lands on an
 * older one, so a re-delivered event never moves a flow back. Documents are replaced whole (never {@code $set}: see
 * store-notes on Decimal128); a processor batch is folded in memory and each collection written with one bulk write
 * ({@link BatchWrites}). A flow belongs to one segment, so only one thread writes its document.
 */
@ProcessingGroup(FlowsProjection.PROCESSING_GROUP)
public class FlowsProjection {

    public static final String PROCESSING_GROUP = "flows";
    public static final String WITHDRAWALS = "withdrawals";
    public static final String TRADES = "p2p_trades";
    public static final String SWAPS = "swaps";
    public static final String EXPRESS_BUYS = "express_buys";
    public static final String DEPOSITS = "deposits";
    public static final List<String> COLLECTIONS = List.of(WITHDRAWALS, TRADES, SWAPS, EXPRESS_BUYS, DEPOSITS);

    private final MongoDatabase database;
    private final CurrencyTable currencies;
    private final Map<String, BatchWrites> writes;
    private volatile Runnable tradeOpened = () -> {
    };

    public FlowsProjection(MongoDatabase database, CurrencyTable currencies) {
        this.database = database;
        this.currencies = currencies;
        Map<String, BatchWrites> byCollection = new LinkedHashMap<>();
        COLLECTIONS.forEach(name -> byCollection.put(name, new BatchWrites(database.getCollection(name))));
        this.writes = Map.copyOf(byCollection);
    }

    /**
     * Register on this projection's processor: each flow collection a batch touched gets one bulk write, sent while
     * the batch's last event is handled.
     */
    public MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        List<MessageHandlerInterceptor<EventMessage<?>>> flushes = writes.values().stream().map(BatchWrites::flushAtEndOfBatch).toList();
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
        for (String collection : List.of(WITHDRAWALS, TRADES, SWAPS, EXPRESS_BUYS)) {
            database.getCollection(collection).createIndex(Indexes.ascending("status", "updated_at"),
                    new IndexOptions().name("status_1_updated_at_1"));
        }
        database.getCollection(TRADES).createIndex(Indexes.ascending("status", "expires_at"), new IndexOptions().name("status_1_expires_at_1"));
        database.getCollection(WITHDRAWALS).createIndex(Indexes.ascending("status", "requested_at", "_id"),
                new IndexOptions().name("status_1_requested_at_1__id_1"));
        database.getCollection(WITHDRAWALS).createIndex(Indexes.ascending("user_id", "requested_at", "_id"),
                new IndexOptions().name("user_id_1_requested_at_1__id_1"));
    }

    @ResetHandler
    void reset() {
        COLLECTIONS.forEach(name -> database.getCollection(name).deleteMany(new Document()));
    }

    @EventHandler
    void on(WithdrawalRequested e, @SequenceNumber long seq, @Timestamp Instant at) {
        create(WITHDRAWALS, e.withdrawalId().value(), seq, at, new Document("user_id", e.account().user().value())
                .append("currency", e.account().currency())
                .append("amount", amount(e.amount()))
                .append("fee", amount(e.fee()))
                .append("address", e.address())
                .append("status", "requested")
                .append("requested_at", Date.from(e.requestedAt())));
    }

    @EventHandler
    void on(WithdrawalFundsLocked e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(WITHDRAWALS, e.withdrawalId().value(), seq, at, new Document("status", "pending"));
    }

    @EventHandler
    void on(WithdrawalRefused e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(WITHDRAWALS, e.withdrawalId().value(), seq, at, refusal("refused", e.code(), e.detail()));
    }

    @EventHandler
    void on(WithdrawalApproved e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(WITHDRAWALS, e.withdrawalId().value(), seq, at, new Document("status", "approved")
                .append("decided_by", e.decidedBy()).append("decided_by_key_name", e.decidedByKeyName())
                .append("decided_at", Date.from(e.decidedAt())));
    }

    @EventHandler
    void on(WithdrawalRejected e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(WITHDRAWALS, e.withdrawalId().value(), seq, at, new Document("status", "rejected")
                .append("decided_by", e.decidedBy()).append("decided_by_key_name", e.decidedByKeyName())
                .append("decided_at", Date.from(e.decidedAt()))
                .append("reason", e.reason()));
    }

    @EventHandler
    void on(TradeRequested e, @SequenceNumber long seq, @Timestamp Instant at) {
        create(TRADES, e.tradeId().value(), seq, at, new Document("seller_id", e.seller().user().value())
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
        update(TRADES, e.tradeId().value(), seq, at, new Document("status", "open"));
        // told once the batch's writes are in the store, so the sweeper asking at once finds the trade open
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> tradeOpened.run());
        } else {
            tradeOpened.run();
        }
    }

    /**
     * Told when a trade is shown open: its expiry may come before the one the expiry sweeper waits for. Only the
     * instance whose processor handled it hears it; the sweeper's bounded re-check covers the others.
     */
    public void onTradeOpened(Runnable listener) {
        this.tradeOpened = listener;
    }

    @EventHandler
    void on(TradeRefused e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(TRADES, e.tradeId().value(), seq, at, refusal("refused", e.code(), e.detail()));
    }

    @EventHandler
    void on(TradeCompleted e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(TRADES, e.tradeId().value(), seq, at, new Document("status", "completed")
                .append("settled_at", Date.from(e.at())));
    }

    @EventHandler
    void on(TradeCancelled e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(TRADES, e.tradeId().value(), seq, at, new Document("status", e.expired() ? "expired" : "cancelled")
                .append("settled_at", Date.from(e.at())));
    }

    @EventHandler
    void on(SwapRequested e, @SequenceNumber long seq, @Timestamp Instant at) {
        create(SWAPS, e.swapId().value(), seq, at, new Document("user_id", e.fromAccount().user().value())
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
        update(SWAPS, e.swapId().value(), seq, at, new Document("status", "funded"));
    }

    @EventHandler
    void on(SwapRefused e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(SWAPS, e.swapId().value(), seq, at, refusal("refused", e.code(), e.detail()));
    }

    @EventHandler
    void on(SwapCompleted e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(SWAPS, e.swapId().value(), seq, at, new Document("status", "completed"));
    }

    /**
     * The payment reference an express-buy order was placed with, once this view has seen the order (a placed order's
     * reference never changes, so a found one is final; an absent one may only be late).
     */
    public Optional<String> paymentRefOf(String orderId) {
        return Optional.ofNullable(database.getCollection(EXPRESS_BUYS).find(Filters.eq("_id", orderId))
                .projection(new Document("payment_ref", 1)).first()).map(order -> order.getString("payment_ref"));
    }

    @EventHandler
    void on(ExpressBuyPlaced e, @SequenceNumber long seq, @Timestamp Instant at) {
        create(EXPRESS_BUYS, e.orderId().value(), seq, at, new Document("user_id", e.account().user().value())
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
        update(EXPRESS_BUYS, e.orderId().value(), seq, at, new Document("status", "completed"));
    }

    @EventHandler
    void on(ExpressBuyRefused e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(EXPRESS_BUYS, e.orderId().value(), seq, at, refusal("refused", e.code(), e.detail()));
    }

    /** A deposit's document is rewritten whole on each event: its credited total is an amount that changes. */
    @EventHandler
    void on(PaymentNotificationRecorded e, @SequenceNumber long seq, @Timestamp Instant at) {
        Document existing = writes(DEPOSITS).find(e.paymentId().value());
        Document deposit = existing != null ? existing : new Document("_id", e.paymentId().value())
                .append("user_id", e.account().user().value())
                .append("currency", e.account().currency())
                .append("credited_total", amount(new Money(e.account().currency(), java.math.BigDecimal.ZERO)))
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
        replaceDeposit(deposit, seq, at);
    }

    /** A credit due as an event of its own: stores written before 2026-12 (now inside the notification). */
    @EventHandler
    void on(DepositCreditDue e, @SequenceNumber long seq, @Timestamp Instant at) {
        Document deposit = writes(DEPOSITS).find(e.paymentId().value());
        if (deposit != null) {
            replaceDeposit(deposit.append("credited_total", amount(e.creditedTotal())).append("credits", e.creditNumber()), seq, at);
        }
    }

    @EventHandler
    void on(DepositReviewRequired e, @SequenceNumber long seq, @Timestamp Instant at) {
        update(DEPOSITS, e.paymentId().value(), seq, at, new Document("review_required", true)
                .append("review_reason", e.reason()));
    }

    private void replaceDeposit(Document deposit, long seq, Instant at) {
        if (deposit.get("seq") instanceof Number stored && stored.longValue() >= seq) {
            return;
        }
        writes(DEPOSITS).replace(deposit.get("_id"), deposit.append("seq", seq).append("updated_at", Date.from(at)));
    }

    private Object amount(Money money) {
        return StoredAmounts.decimal(currencies.require(money.currency()), money);
    }

    private static Document refusal(String status, RejectionCode code, String detail) {
        return new Document("status", status).append("refusal_code", code.name())
                .append("refusal_detail", detail);
    }

    /** Writes the flow's first document; a re-delivery finds it there (same or newer) and leaves it. */
    private void create(String collection, String id, long seq, Instant at, Document fields) {
        BatchWrites flows = writes(collection);
        if (flows.find(id) != null) {
            return;
        }
        Document document = new Document("_id", id).append("seq", seq).append("updated_at", Date.from(at));
        document.putAll(fields);
        flows.replace(id, document);
    }

    /** Sets {@code fields} on a flow older than this event; a flow not seen yet, or already newer, is left alone. */
    private void update(String collection, String id, long seq, Instant at, Document fields) {
        BatchWrites flows = writes(collection);
        Document flow = flows.find(id);
        if (flow == null || !(flow.get("seq") instanceof Number stored) || stored.longValue() >= seq) {
            return;
        }
        flow.putAll(fields);
        flows.replace(id, flow.append("seq", seq).append("updated_at", Date.from(at)));
    }

    private BatchWrites writes(String collection) {
        return writes.get(collection);
    }
}
