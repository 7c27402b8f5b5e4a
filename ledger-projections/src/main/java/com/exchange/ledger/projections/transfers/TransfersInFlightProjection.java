package com.exchange.ledger.projections.transfers;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.wallet.HoldReleasedToAccount;
import com.exchange.ledger.core.wallet.TransferOrigin;
import com.exchange.ledger.core.wallet.TransferReceived;
import com.exchange.ledger.core.wallet.TransferReturned;
import com.exchange.ledger.core.wallet.TransferSent;
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
import org.bson.Document;
import org.bson.types.Decimal128;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * {@code transfers}: every movement between two wallets with its state, {@code in_flight} from the sending leg
 * until it is received or returned. The two legs are events of two accounts and may be handled in either order
 * (or again, after a crash): each leg writes its own part of the document and the state is derived from the parts
 * present, so the outcome does not depend on the order. A processor batch is folded in memory and written with one
 * bulk write ({@link BatchWrites}).
 */
@ProcessingGroup(TransfersInFlightProjection.PROCESSING_GROUP)
public class TransfersInFlightProjection {

    public static final String PROCESSING_GROUP = "transfers";
    public static final String COLLECTION = "transfers";

    private final MongoCollection<Document> transfers;
    private final CurrencyTable currencies;
    private final BatchWrites writes;

    public TransfersInFlightProjection(MongoDatabase database, CurrencyTable currencies) {
        this.transfers = database.getCollection(COLLECTION);
        this.currencies = currencies;
        this.writes = new BatchWrites(transfers, TransfersInFlightProjection::documentRead);
    }

    /** Register on this projection's processor: one bulk write per batch instead of one write per event. */
    public MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return writes.flushAtEndOfBatch();
    }

    @ResetHandler
    void reset() {
        transfers.deleteMany(new Document());
    }

    /** The document a leg reads (and rewrites): what the batch reads ahead with one {@code $in}. */
    static List<String> documentRead(Object payload) {
        if (payload instanceof TransferSent sent) {
            return List.of(key(TransferOrigin.TRANSFER, sent.account(), sent.transferId()));
        } else if (payload instanceof HoldReleasedToAccount released) {
            return List.of(key(TransferOrigin.HOLD_RELEASE, released.account(), TransferId.of(released.holdId().value())));
        } else if (payload instanceof TransferReceived received) {
            return List.of(key(received.origin(), received.sender(), received.transferId()));
        } else if (payload instanceof TransferReturned returned) {
            return List.of(key(returned.origin(), returned.account(), returned.transferId()));
        }
        return List.of();
    }

    private static String key(TransferOrigin origin, AccountId sender, TransferId transferId) {
        return origin + ":" + sender.key() + ":" + transferId.value();
    }

    @EventHandler
    void on(TransferSent sent, @Timestamp Instant at) {
        record(TransferOrigin.TRANSFER, sent.account(), sent.transferId(), "sent",
                leg(sent.delivered(), at).append("recipient", sent.recipient().key()).append("fee", decimal(sent.fee())));
    }

    @EventHandler
    void on(HoldReleasedToAccount released, @Timestamp Instant at) {
        record(TransferOrigin.HOLD_RELEASE, released.account(), TransferId.of(released.holdId().value()), "sent",
                leg(released.delivered(), at).append("recipient", released.recipient().key()).append("fee", decimal(released.fee())));
    }

    @EventHandler
    void on(TransferReceived received, @Timestamp Instant at) {
        record(received.origin(), received.sender(), received.transferId(), "received", leg(received.amount(), at));
    }

    @EventHandler
    void on(TransferReturned returned, @Timestamp Instant at) {
        record(returned.origin(), returned.account(), returned.transferId(), "returned",
                leg(returned.amount(), at).append("reason", returned.reason()));
    }

    private void record(TransferOrigin origin, AccountId sender, TransferId transferId, String leg, Document part) {
        String id = key(origin, sender, transferId);
        Document existing = writes.find(id);
        Document document = existing == null
                ? new Document("_id", id).append("origin", origin.name()).append("sender", sender.key())
                        .append("transfer_id", transferId.value()).append("currency", sender.currency())
                : new Document(existing);
        document.put(leg, part);
        boolean settled = document.containsKey("received") || document.containsKey("returned");
        document.put("state", !document.containsKey("sent") ? "settled_before_sent_seen"
                : settled ? (document.containsKey("received") ? "received" : "returned") : "in_flight");
        writes.replace(id, document);
    }

    private Document leg(Money amount, Instant at) {
        return new Document("amount", decimal(amount)).append("at", Date.from(at));
    }

    private Decimal128 decimal(Money amount) {
        return StoredAmounts.decimal(currencies.require(amount.currency()), amount);
    }
}
