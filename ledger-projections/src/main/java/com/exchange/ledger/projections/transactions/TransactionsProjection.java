package com.exchange.ledger.projections.transactions;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.*;
import com.exchange.ledger.projections.StoredAmounts;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.exchange.ledger.projections.batch.BatchWrites;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * {@code wallet_transactions}: one document per movement of a wallet account, for a user's history. The document
 * id is the account and the event's sequence number, so a re-delivered event rewrites the same document.
 * {@code global_index} (the event's position in the store) orders a user's history across currencies. A processor
 * batch is written with one bulk write ({@link BatchWrites}).
 */
@ProcessingGroup(TransactionsProjection.PROCESSING_GROUP)
public class TransactionsProjection {

    public static final String PROCESSING_GROUP = "wallet-transactions";
    public static final String COLLECTION = "wallet_transactions";

    private final MongoCollection<Document> transactions;
    private final CurrencyTable currencies;
    private final BatchWrites writes;

    public TransactionsProjection(MongoDatabase database, CurrencyTable currencies) {
        this.transactions = database.getCollection(COLLECTION);
        this.currencies = currencies;
        this.writes = new BatchWrites(transactions);
    }

    /** Register on this projection's processor: one bulk write per batch instead of one write per event. */
    public MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return writes.flushAtEndOfBatch();
    }

    public void ensureIndexes() {
        transactions.createIndex(Indexes.compoundIndex(Indexes.ascending("user_id"), Indexes.descending("global_index")),
                new IndexOptions().name("user_id_1_global_index_-1"));
        transactions.createIndex(Indexes.ascending("operation_id"), new IndexOptions().name("operation_id_1"));
    }

    /** Before a replay from the first event: the view is rebuilt from nothing. */
    @ResetHandler
    void reset() {
        transactions.deleteMany(new Document());
    }

    @EventHandler
    void on(WalletEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt,
            @MetaDataValue(value = MongoEventStorageEngine.GLOBAL_INDEX, required = true) Number globalIndex) {
        Currency currency = currencies.require(event.account().currency());
        Movement movement = Movement.of(event);
        AccountBalances after = event.after();
        String id = event.account().key() + "#" + sequence;
        Document document = new Document("_id", id)
                .append("user_id", event.account().user().value())
                .append("currency", currency.code())
                .append("account", event.account().key())
                .append("sequence", sequence)
                .append("global_index", globalIndex.longValue())
                .append("operation_id", movement.operationId())
                .append("type", movement.type())
                .append("amount", StoredAmounts.decimal(currency, movement.amount().amount()))
                .append("direction", movement.direction())
                .append("available_after", StoredAmounts.decimal(currency, after.available()))
                .append("locked_after", StoredAmounts.decimal(currency, after.locked()))
                .append("savings_after", StoredAmounts.decimal(currency, after.savings()))
                .append("counterparty", movement.counterparty())
                .append("reason", movement.reason())
                .append("created_at", Date.from(occurredAt));
        writes.write(id, new ReplaceOneModel<>(Filters.eq("_id", id), document, new ReplaceOptions().upsert(true)));
    }

    /** How a wallet event reads in a user's history; the statements read it the same way (ledger-api {@code statement}). */
    public record Movement(String type, String operationId, Money amount, String direction, String counterparty, String reason) {

        public static Movement of(WalletEvent event) {
            if (event instanceof FundsCredited e) {
                return new Movement("credit", e.operationId().value(), e.credited(), "in", e.counterAccount().name(), e.reason());
            } else if (event instanceof FundsDebited e) {
                return new Movement("debit", e.operationId().value(), e.amount(), "out", e.counterAccount().name(), e.reason());
            } else if (event instanceof FundsLocked e) {
                return new Movement("lock", e.holdId().value(), e.amount(), "internal", null, e.reason());
            } else if (event instanceof HoldUnlocked e) {
                return new Movement("unlock", e.holdId().value(), e.amount(), "internal", null, null);
            } else if (event instanceof HoldReleased e) {
                return new Movement("release", e.holdId().value(), e.amount(), "out", e.destination().name(), null);
            } else if (event instanceof HoldReleasedToAccount e) {
                return new Movement("release", e.holdId().value(), e.amount(), "out", e.recipient().user().value(), null);
            } else if (event instanceof MovedToSavings e) {
                return new Movement("to_savings", e.operationId().value(), e.amount(), "internal", null, null);
            } else if (event instanceof MovedFromSavings e) {
                return new Movement("from_savings", e.operationId().value(), e.amount(), "internal", null, null);
            } else if (event instanceof TransferSent e) {
                return new Movement("transfer_out", e.transferId().value(), e.amount(), "out", e.recipient().user().value(), null);
            } else if (event instanceof TransferReceived e) {
                return new Movement("transfer_in", e.transferId().value(), e.amount(), "in", e.sender().user().value(), null);
            } else if (event instanceof BalanceMigrated e) {
                return new Movement("migration", e.operationId().value(), e.total(), "in", SystemAccount.MIGRATION.name(),
                        "migrated from " + e.source().collection());
            } else if (event instanceof TransferReturned e) {
                return new Movement("transfer_returned", e.transferId().value(), e.amount().plus(e.fee()), "in",
                        SystemAccount.TRANSFERS_IN_FLIGHT.name(), e.reason());
            }
            throw new IllegalArgumentException("no history entry for " + event.getClass().getName());
        }
    }
}
