package com.exchange.ledger.projections.wallets;

import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.eventstore.BulkEventReader;
import com.exchange.ledger.projections.eventstore.BulkEventReader.StoredEvent;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Rebuilds {@code wallets} from the store read in bulk ({@link BulkEventReader}, docs/adr/0020-bulk-rebuild.md),
 * with the live handler's rules and document shape ({@link WalletsProjection#document}): an event is applied only
 * when its sequence is above the account's, {@code created_at} is the time of the first event applied, the rest
 * comes from the last. An account's document depends on nothing else, so the fold keeps one entry per account and
 * writes each account once at the end (or when {@link #MAX_PENDING} accounts wait), one bulk write per
 * {@link #WRITE_BATCH} documents.
 * <p>
 * The store is read and folded before the view may be written (its processor may still be stopping); the view is
 * emptied only before the first write. The accounts whose events sit in the view's dead-letter queue are left out: a replay through the processor would
 * park every one of their events behind the parked ones (their sequence is in the queue), so the live path holds no
 * document for them either until the letters are retried.
 */
public final class WalletsBulkRebuild {

    /** Accounts folded before their documents are written: bounds the memory of a store of many accounts. */
    static final int MAX_PENDING = 200_000;
    static final int WRITE_BATCH = 5_000;

    private final WalletsProjection view;
    private final int maxPending;

    public WalletsBulkRebuild(WalletsProjection view) {
        this(view, MAX_PENDING);
    }

    WalletsBulkRebuild(WalletsProjection view, int maxPending) {
        this.view = view;
        this.maxPending = maxPending;
    }

    /**
     * Empties the view and rebuilds it from every stored event; {@code parkedAccounts} are the aggregate ids of the
     * view's dead-letter sequences. Returns what was read, with the token the view's processor goes on from.
     */
    public BulkEventReader.Result rebuild(BulkEventReader reader, Set<String> parkedAccounts, LongConsumer progress) {
        return rebuild(reader, () -> parkedAccounts, progress);
    }

    /**
     * As {@link #rebuild(BulkEventReader, Set, LongConsumer)}, with the store read and folded while the view may not be
     * written yet (its processor still stopping): {@code whenWritable} is called once, before the view is emptied and
     * first written, blocks until it may be, and answers the parked accounts as they are then.
     */
    public BulkEventReader.Result rebuild(BulkEventReader reader, Supplier<Set<String>> whenWritable, LongConsumer progress) {
        Fold fold = new Fold(view, whenWritable, maxPending);
        BulkEventReader.Result read = reader.read(WalletEvent.class, fold::accept, progress);
        fold.writePending();
        return read;
    }

    /** An account as folded so far. */
    private static final class Account {
        final String aggregateIdentifier;
        final Date createdAt;
        long sequence;
        WalletEvent last;
        Instant lastAt;
        boolean written;
        boolean pending;

        Account(String aggregateIdentifier, Date createdAt) {
            this.aggregateIdentifier = aggregateIdentifier;
            this.createdAt = createdAt;
        }
    }

    private static final class Fold {
        private final WalletsProjection view;
        private final MongoCollection<Document> wallets;
        private final Supplier<Set<String>> whenWritable;
        /** Known once the view may be written; their documents are never written. */
        private Set<String> parkedAccounts;
        private final Map<String, Account> accounts = new HashMap<>();
        private final List<Account> pending = new ArrayList<>();
        private final int maxPending;

        Fold(WalletsProjection view, Supplier<Set<String>> whenWritable, int maxPending) {
            this.view = view;
            this.maxPending = maxPending;
            this.wallets = view.collection();
            this.whenWritable = whenWritable;
        }

        void accept(List<StoredEvent> events) {
            for (StoredEvent stored : events) {
                // the live handler takes a sequence number: events of no aggregate never reach it
                if (stored.aggregateIdentifier() == null) {
                    continue;
                }
                WalletEvent event = (WalletEvent) stored.payload();
                String id = event.account().key();
                Account account = accounts.get(id);
                if (account == null) {
                    account = new Account(stored.aggregateIdentifier(), Date.from(stored.timestamp()));
                    account.sequence = Long.MIN_VALUE;
                    accounts.put(id, account);
                } else if (account.sequence >= stored.sequenceNumber()) {
                    continue; // as the live handler: already reflected
                }
                account.sequence = stored.sequenceNumber();
                account.last = event;
                account.lastAt = stored.timestamp();
                if (!account.pending) {
                    account.pending = true;
                    pending.add(account);
                    if (pending.size() >= maxPending) {
                        writePending();
                    }
                }
            }
        }

        /** Writes the accounts folded since the last write; the first call empties the view once it may be written. */
        void writePending() {
            if (parkedAccounts == null) {
                parkedAccounts = Set.copyOf(whenWritable.get());
                view.reset();
            }
            List<WriteModel<Document>> writes = new ArrayList<>(Math.min(WRITE_BATCH, pending.size()));
            for (Account account : pending) {
                if (parkedAccounts.contains(account.aggregateIdentifier)) {
                    account.pending = false;
                    continue;
                }
                Document document = view.document(account.last, account.sequence, account.lastAt, account.createdAt);
                writes.add(account.written ? new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, new ReplaceOptions().upsert(true))
                        : new InsertOneModel<>(document));
                account.written = true;
                account.pending = false;
                account.last = null; // held again only once a later event comes
                if (writes.size() >= WRITE_BATCH) {
                    wallets.bulkWrite(writes, new BulkWriteOptions().ordered(false));
                    writes = new ArrayList<>(WRITE_BATCH);
                }
            }
            if (!writes.isEmpty()) {
                wallets.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            }
            pending.clear();
        }
    }
}
