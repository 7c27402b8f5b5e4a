package com.exchange.ledger.projections.holds;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.wallet.FundsLocked;
import com.exchange.ledger.core.wallet.HoldReleased;
import com.exchange.ledger.core.wallet.HoldReleasedToAccount;
import com.exchange.ledger.core.wallet.HoldUnlocked;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.time.Instant;
import java.util.Date;

/**
 * {@code open_holds}: every hold not yet released or unlocked, with when it was taken, so a stuck lock is visible.
 * A hold's lock and its settlement are events of one account, delivered in order; writing by key makes a
 * re-delivery harmless.
 */
@ProcessingGroup(OpenHoldsProjection.PROCESSING_GROUP)
public class OpenHoldsProjection {

    public static final String PROCESSING_GROUP = "open-holds";
    public static final String COLLECTION = "open_holds";

    private final MongoCollection<Document> holds;
    private final CurrencyTable currencies;

    public OpenHoldsProjection(MongoDatabase database, CurrencyTable currencies) {
        this.holds = database.getCollection(COLLECTION);
        this.currencies = currencies;
    }

    @ResetHandler
    void reset() {
        holds.deleteMany(new Document());
    }

    @EventHandler
    void on(FundsLocked locked, @Timestamp Instant lockedAt) {
        Currency currency = currencies.require(locked.account().currency());
        String id = key(locked.account(), locked.holdId());
        holds.replaceOne(Filters.eq("_id", id), new Document("_id", id)
                .append("user_id", locked.account().user().value())
                .append("currency", currency.code())
                .append("hold_id", locked.holdId().value())
                .append("amount", new Decimal128(locked.amount().amount().setScale(currency.decimals())))
                .append("reason", locked.reason())
                .append("locked_at", Date.from(lockedAt)), new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(HoldUnlocked settled) {
        holds.deleteOne(Filters.eq("_id", key(settled.account(), settled.holdId())));
    }

    @EventHandler
    void on(HoldReleased settled) {
        holds.deleteOne(Filters.eq("_id", key(settled.account(), settled.holdId())));
    }

    @EventHandler
    void on(HoldReleasedToAccount settled) {
        holds.deleteOne(Filters.eq("_id", key(settled.account(), settled.holdId())));
    }

    static String key(AccountId account, HoldId hold) {
        return account.key() + "|" + hold.value();
    }
}
