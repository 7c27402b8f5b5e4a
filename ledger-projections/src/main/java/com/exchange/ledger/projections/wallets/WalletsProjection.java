package com.exchange.ledger.projections.wallets;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.StoredAmounts;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.function.LongConsumer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code wallets} view of docs/design.md: one document per (user, currency) with its balances as Decimal128 at the
 * currency's precision, what the legacy collections become.
 * <p>
 * Each event carries the account's balances after it, so a document is written whole from the event
 * ({@code replaceOne}, never {@code $set}: mongo-java-server silently skips a {@code $set} of a Decimal128 that
 * compares equal). The document remembers the aggregate sequence it reflects; a re-delivered or older event is
 * ignored, so a crash between the write and the token update never counts anything twice. An account belongs to
 * one segment, so only one thread ever writes its document.
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

    /** The four indexes of docs/design.md. */
    public void ensureIndexes() {
        wallets.createIndex(Indexes.ascending("user_id", "currency"), new IndexOptions().unique(true).name("user_id_1_currency_1"));
        wallets.createIndex(Indexes.ascending("user_id"), new IndexOptions().name("user_id_1"));
        wallets.createIndex(Indexes.ascending("currency"), new IndexOptions().name("currency_1"));
        wallets.createIndex(Indexes.ascending("total_balance"), new IndexOptions().name("total_balance_1"));
    }

    /** The view's collection, for its bulk rebuild ({@link WalletsBulkRebuild}). */
    MongoCollection<Document> collection() {
        return wallets;
    }

    /** Before a replay from the first event: the view is rebuilt from nothing. */
    @ResetHandler
    void reset() {
        wallets.deleteMany(new Document());
    }

    @EventHandler
    void on(WalletEvent event, @SequenceNumber long sequence, @Timestamp Instant occurredAt) {
        Batch batch = currentBatch();
        String id = event.account().key();
        Document existing = batch.current(id);
        if (existing != null && ((Number) existing.get("last_sequence")).longValue() >= sequence) {
            return; // already reflected: a re-delivery after a crash, or a replay over a live view
        }
        batch.put(id, document(event, sequence, occurredAt, existing == null ? Date.from(occurredAt) : (Date) existing.get("created_at")));
        if (batch.endsWith(CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null)) {
            batch.flush();
        }
    }

    /** An account's document after {@code event}: the one shape the live path and every rebuild write. */
    Document document(WalletEvent event, long sequence, Instant occurredAt, Date createdAt) {
        Currency currency = currencies.require(event.account().currency());
        AccountBalances after = event.after();
        return new Document("_id", event.account().key())
                .append("user_id", event.account().user().value())
                .append("currency", currency.code())
                .append("available_balance", StoredAmounts.decimal(currency, after.available()))
                .append("locked_balance", StoredAmounts.decimal(currency, after.locked()))
                .append("savings_balance", StoredAmounts.decimal(currency, after.savings()))
                .append("total_balance", StoredAmounts.decimal(currency, after.total()))
                .append("created_at", createdAt)
                .append("last_updated", Date.from(occurredAt))
                .append("last_sequence", sequence);
    }

    private static final int REBUILD_FLUSH = 5_000;

    /** An account as its last event left it, with the times of its first and last event. */
    public record AccountView(WalletEvent last, long sequence, Instant createdAt, Instant lastUpdated) {
    }

    /**
     * Makes the view exactly these accounts, whose final state is already known (the migration folds its seed
     * events itself): the view is emptied and the documents inserted in bulk, which on mongo-java-server costs a
     * third of an upsert. A document records the sequence it reflects, so the processor later reading the same
     * events skips them.
     */
    public void replaceAll(Iterable<AccountView> accounts, LongConsumer progress) {
        reset();
        List<Document> batch = new ArrayList<>(REBUILD_FLUSH);
        long done = 0;
        for (AccountView account : accounts) {
            batch.add(document(account.last(), account.sequence(), account.lastUpdated(), Date.from(account.createdAt())));
            if (batch.size() >= REBUILD_FLUSH) {
                wallets.insertMany(batch, new InsertManyOptions().ordered(false));
                batch.clear();
                progress.accept(done + 1);
            }
            done++;
        }
        if (!batch.isEmpty()) {
            wallets.insertMany(batch, new InsertManyOptions().ordered(false));
        }
        progress.accept(done);
    }

    /**
     * Register on this projection's processor: writes the batch while its last event is handled, even when that
     * event is not a wallet event or belongs to another segment (the handler itself is then not called for it).
     */
    public MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isLastMessage()) {
                Batch pending = batch.getResource(Batch.class.getName());
                if (pending != null) {
                    pending.flush();
                }
            }
            return result;
        };
    }

    /**
     * The documents of the accounts an event processor's batch touches: read with one {@code $in} when the batch
     * starts, written with one bulk write while its last event is handled, before the processor stores its token.
     * A crash in between leaves the token where it was, and the batch is handled again.
     */
    private Batch currentBatch() {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> unitOfWork) {
            return unitOfWork.getOrComputeResource(Batch.class.getName(), key -> {
                Set<String> accounts = new HashSet<>();
                for (Object message : unitOfWork.getMessages()) {
                    if (message instanceof EventMessage<?> event && event.getPayload() instanceof WalletEvent walletEvent) {
                        accounts.add(walletEvent.account().key());
                    }
                }
                return new Batch(accounts);
            });
        }
        return new Batch(Set.of());
    }

    private final class Batch {
        private final Map<String, Document> documents = new HashMap<>();
        private final Map<String, Document> changed = new LinkedHashMap<>();

        Batch(Set<String> accounts) {
            if (!accounts.isEmpty()) {
                wallets.find(Filters.in("_id", accounts)).forEach(d -> documents.put(d.getString("_id"), d));
                accounts.forEach(account -> documents.putIfAbsent(account, null));
            }
        }

        Document current(String id) {
            if (!documents.containsKey(id)) {
                documents.put(id, wallets.find(Filters.eq("_id", id)).first());
            }
            return documents.get(id);
        }

        int size() {
            return changed.size();
        }

        void put(String id, Document document) {
            documents.put(id, document);
            changed.put(id, document);
        }

        /** True outside a processor batch, or at its last event. */
        boolean endsWith(Object unitOfWork) {
            return !(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage();
        }

        void flush() {
            if (changed.isEmpty()) {
                return;
            }
            List<ReplaceOneModel<Document>> writes = new ArrayList<>(changed.size());
            changed.forEach((id, document) -> writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), document,
                    new ReplaceOptions().upsert(true))));
            wallets.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            changed.clear();
        }
    }
}
