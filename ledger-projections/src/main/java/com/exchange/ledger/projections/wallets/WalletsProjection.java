package com.exchange.ledger.projections.wallets;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;

/**
 * The {@code wallets} view of design.md: one document per (user, currency) with its balances as Decimal128 at the
 * currency's precision, what the legacy collections become.
 * <p>
 * Each event carries the account's balances after it, so a document is written whole from the event
 * ({@code replaceOne}, never {@code $set}: mongo-java-server silently skips a {@code $set} of a Decimal128 that
 * compares equal). The document remembers the aggregate sequence it reflects; a re-delivered or older event is
 * ignored, so a crash between the write and the token update never counts anything twice.
 */
@ProcessingGroup(WalletsProjection.PROCESSING_GROUP)
public class WalletsProjection {

    public static final String PROCESSING_GROUP = "wallets";
    public static final String COLLECTION = "wallets";

    private final MongoCollection<Document> wallets;
    private final CurrencyTable currencies;

    public WalletsProjection(MongoDatabase database, CurrencyTable currencies) {
        this(database, COLLECTION, currencies);
    }

    public WalletsProjection(MongoDatabase database, String collection, CurrencyTable currencies) {
        this.wallets = database.getCollection(collection);
        this.currencies = currencies;
    }

    /** The four indexes of design.md. */
    public void ensureIndexes() {
        wallets.createIndex(Indexes.ascending("user_id", "currency"), new IndexOptions().unique(true).name("user_id_1_currency_1"));
        wallets.createIndex(Indexes.ascending("user_id"), new IndexOptions().name("user_id_1"));
        wallets.createIndex(Indexes.ascending("currency"), new IndexOptions().name("currency_1"));
        wallets.createIndex(Indexes.ascending("total_balance"), new IndexOptions().name("total_balance_1"));
    }

    /** Before a replay from the first event: the view is rebuilt from nothing. */
    @ResetHandler
    void reset() {
        wallets.deleteMany(new Document());
    }

    @EventHandler
    void on(WalletEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        String id = event.account().key();
        Document existing = wallets.find(Filters.eq("_id", id)).first();
        if (existing != null && ((Number) existing.get("last_sequence")).longValue() >= sequence) {
            return; // already reflected: a re-delivery after a crash, or a replay over a live view
        }
        Currency currency = currencies.require(event.account().currency());
        AccountBalances after = event.after();
        Document document = new Document("_id", id)
                .append("user_id", event.account().user().value())
                .append("currency", currency.code())
                .append("available_balance", decimal(currency, after.available()))
                .append("locked_balance", decimal(currency, after.locked()))
                .append("savings_balance", decimal(currency, after.savings()))
                .append("total_balance", decimal(currency, after.total()))
                .append("created_at", existing == null ? Date.from(occurredAt) : existing.get("created_at"))
                .append("last_updated", Date.from(occurredAt))
                .append("last_sequence", sequence);
        if (existing == null) {
            try {
                wallets.insertOne(document);
            } catch (MongoWriteException e) {
                if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                on(event, sequence, occurredAt); // written meanwhile by another segment owner: decide again
            }
        } else {
            wallets.replaceOne(Filters.and(Filters.eq("_id", id), Filters.eq("last_sequence", existing.get("last_sequence"))), document);
        }
    }

    static Decimal128 decimal(Currency currency, BigDecimal amount) {
        return new Decimal128(amount.setScale(currency.decimals()));
    }
}
