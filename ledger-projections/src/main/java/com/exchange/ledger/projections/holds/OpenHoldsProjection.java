package com.exchange.ledger.projections.holds;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.wallet.BalanceMigrated;
import com.exchange.ledger.core.wallet.FundsLocked;
import com.exchange.ledger.core.wallet.HoldReleased;
import com.exchange.ledger.core.wallet.HoldReleasedToAccount;
import com.exchange.ledger.core.wallet.HoldUnlocked;
import com.exchange.ledger.projections.StoredAmounts;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.exchange.ledger.projections.batch.BatchWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * {@code open_holds}: every hold with {@code state: "open"} until it is released or unlocked, with when it was
 * taken, so a stuck lock is visible. A settled hold keeps a {@code "settled"} document rather than being deleted,
 * so a lock handled again after its settlement (a re-delivery, a retried batch) can never reopen it. A processor
 * batch is folded in memory and written with one bulk write ({@link BatchWrites}).
 */
@ProcessingGroup(OpenHoldsProjection.PROCESSING_GROUP)
public class OpenHoldsProjection {

    public static final String PROCESSING_GROUP = "open-holds";
    public static final String COLLECTION = "open_holds";
    public static final String OPEN = "open";
    public static final String SETTLED = "settled";

    private final MongoCollection<Document> holds;
    private final CurrencyTable currencies;
    private final BatchWrites writes;

    public OpenHoldsProjection(MongoDatabase database, CurrencyTable currencies) {
        this.holds = database.getCollection(COLLECTION);
        this.currencies = currencies;
        this.writes = new BatchWrites(holds, OpenHoldsProjection::documentRead);
    }

    /** Register on this projection's processor: one bulk write per batch instead of one write per event. */
    public MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return writes.flushAtEndOfBatch();
    }

    /** The index of {@link #accountsWithHold}; safe to call on every start. */
    public void ensureIndexes() {
        holds.createIndex(Indexes.ascending("hold_id"), new IndexOptions().name("hold_id_1"));
    }

    /**
     * The accounts that have, or had, a hold with this id (open or settled): where to look for it. Only a hint, as
     * every read model lags the event store; the caller confirms it there.
     */
    public List<AccountId> accountsWithHold(HoldId hold) {
        List<AccountId> accounts = new ArrayList<>(1);
        for (Document found : holds.find(Filters.eq("hold_id", hold.value())).projection(Projections.include("user_id", "currency"))
                .limit(MAX_ACCOUNTS_PER_HOLD)) {
            accounts.add(AccountId.of(found.getString("user_id"), found.getString("currency")));
        }
        return accounts;
    }

    /** A hold id names one hold; more accounts with the same one are a caller's reuse, never worth reading by the thousand. */
    private static final int MAX_ACCOUNTS_PER_HOLD = 16;

    @ResetHandler
    void reset() {
        holds.deleteMany(new Document());
    }

    /**
     * The document an opening reads (a settled hold must not reopen): what the batch reads ahead with one {@code $in}.
     * A settlement replaces its document without reading it.
     */
    static List<String> documentRead(Object payload) {
        if (payload instanceof FundsLocked locked) {
            return List.of(key(locked.account(), locked.holdId()));
        } else if (payload instanceof BalanceMigrated migrated && migrated.holdId() != null) {
            return List.of(key(migrated.account(), migrated.holdId()));
        }
        return List.of();
    }

    @EventHandler
    void on(FundsLocked locked, @Timestamp Instant lockedAt) {
        open(locked.account(), locked.holdId(), locked.amount(), locked.reason(), lockedAt);
    }

    /** A locked legacy balance arrives as a hold of its own. */
    @EventHandler
    void on(BalanceMigrated migrated, @Timestamp Instant migratedAt) {
        if (migrated.holdId() != null) {
            open(migrated.account(), migrated.holdId(), migrated.locked(), "migrated from " + migrated.source().collection(), migratedAt);
        }
    }

    private void open(AccountId account, HoldId hold, Money amount, String reason, Instant lockedAt) {
        Currency currency = currencies.require(account.currency());
        String id = key(account, hold);
        Document existing = writes.find(id);
        if (existing != null && SETTLED.equals(existing.getString("state"))) {
            return;
        }
        writes.replace(id, new Document("_id", id)
                .append("user_id", account.user().value())
                .append("currency", currency.code())
                .append("hold_id", hold.value())
                .append("state", OPEN)
                .append("amount", StoredAmounts.decimal(currency, amount))
                .append("reason", reason)
                .append("locked_at", Date.from(lockedAt)));
    }

    @EventHandler
    void on(HoldUnlocked settled, @Timestamp Instant at) {
        settle(settled.account(), settled.holdId(), "unlocked", at);
    }

    @EventHandler
    void on(HoldReleased settled, @Timestamp Instant at) {
        settle(settled.account(), settled.holdId(), "released", at);
    }

    @EventHandler
    void on(HoldReleasedToAccount settled, @Timestamp Instant at) {
        settle(settled.account(), settled.holdId(), "released", at);
    }

    private void settle(AccountId account, HoldId hold, String how, Instant at) {
        String id = key(account, hold);
        writes.replace(id, new Document("_id", id)
                .append("user_id", account.user().value())
                .append("currency", account.currency())
                .append("hold_id", hold.value())
                .append("state", SETTLED)
                .append("settled_by", how)
                .append("settled_at", Date.from(at)));
    }

    static String key(AccountId account, HoldId hold) {
        return account.key() + "|" + hold.value();
    }
}
