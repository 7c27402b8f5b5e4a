package com.exchange.ledger.projections.system;

import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.Posting;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.StoredAmounts;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.exchange.ledger.projections.batch.BatchWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code system_balances}: the balance of every system account per currency ({@code system:fees},
 * {@code external:nowpayments}, {@code transit:transfers}, ...), the sum of the postings the wallet events carry.
 * <p>
 * A balance is a running sum, so a re-delivered event must not be added twice. Each document keeps the tracking
 * token of the last event it took; an event whose token that one already covers is skipped. Tokens (not global
 * indexes) are compared because a late-committed event arrives after higher indexes. The processor runs one
 * segment, so all its tokens are comparable and only one thread writes the documents. Documents are replaced whole:
 * amounts stay exact. A processor batch is folded in memory (a document read at most once) and written with one bulk
 * write ({@link BatchWrites}); a document then holds the token of the batch's last event that touched it.
 */
@ProcessingGroup(SystemBalancesProjection.PROCESSING_GROUP)
public class SystemBalancesProjection {

    public static final String PROCESSING_GROUP = "system-balances";
    public static final String COLLECTION = "system_balances";

    private final MongoCollection<Document> balances;
    private final CurrencyTable currencies;
    private final Serializer serializer;
    private final BatchWrites writes;

    public SystemBalancesProjection(MongoDatabase database, CurrencyTable currencies, Serializer serializer) {
        this.balances = database.getCollection(COLLECTION);
        this.currencies = currencies;
        this.serializer = serializer;
        this.writes = new BatchWrites(balances, SystemBalancesProjection::documentsRead);
    }

    /** Register on this projection's processor: one bulk write per batch instead of one write per event. */
    public MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return writes.flushAtEndOfBatch();
    }

    @ResetHandler
    void reset() {
        balances.deleteMany(new Document());
    }

    @EventHandler
    void on(WalletEvent event, TrackingToken token, @Timestamp Instant occurredAt) {
        TrackingToken position = WrappedToken.unwrapLowerBound(token);
        deltas(event).forEach((target, delta) -> apply(target.account(), target.currency(), delta, position, occurredAt));
    }

    /**
     * One delta per document: once a document holds this event's token, a second posting of the same event to it (a
     * release to system:fees with a fee) would be taken for a re-delivery and skipped.
     */
    private static Map<Target, BigDecimal> deltas(WalletEvent event) {
        Map<Target, BigDecimal> deltas = new LinkedHashMap<>();
        for (Posting posting : event.postings()) {
            if (posting.account() instanceof SystemAccount account) {
                deltas.merge(new Target(account, posting.delta().currency()), posting.delta().amount(), BigDecimal::add);
            }
        }
        return deltas;
    }

    /** The documents an event's postings read (and rewrite): what the batch reads ahead with one {@code $in}. */
    static List<String> documentsRead(Object payload) {
        return payload instanceof WalletEvent event ? deltas(event).keySet().stream().map(Target::key).toList() : List.of();
    }

    private record Target(SystemAccount account, String currency) {
        String key() {
            return SystemBalancesProjection.key(account, currency);
        }
    }

    private static String key(SystemAccount account, String currencyCode) {
        return account.name() + "/" + currencyCode;
    }

    private void apply(SystemAccount account, String currencyCode, BigDecimal delta, TrackingToken position, Instant occurredAt) {
        Currency currency = currencies.require(currencyCode);
        String id = key(account, currency.code());
        Document existing = writes.find(id);
        if (existing != null && tokenOf(existing).covers(position)) {
            return; // this event is already in the balance
        }
        BigDecimal before = existing == null ? BigDecimal.ZERO : ((Decimal128) existing.get("balance")).bigDecimalValue();
        writes.replace(id, new Document("_id", id)
                .append("account", account.name())
                .append("currency", currency.code())
                .append("balance", StoredAmounts.decimal(currency, before.add(delta)))
                .append("last_updated", Date.from(occurredAt))
                .append("token_type", serializer.typeForClass(position.getClass()).getName())
                .append("token", serializer.serialize(position, String.class).getData()));
    }

    private TrackingToken tokenOf(Document document) {
        SerializedObject<String> stored = new SimpleSerializedObject<>(document.getString("token"), String.class,
                document.getString("token_type"), null);
        return serializer.deserialize(stored);
    }
}
