package com.exchange.ledger.projections.wallets;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.FundsCredited;
import com.exchange.ledger.core.wallet.FundsDebited;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.eventstore.BulkEventReader;
import com.exchange.ledger.projections.eventstore.LedgerSerializer;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.eventstore.WireMongoExtension;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static com.exchange.ledger.core.testing.LedgerFixtures.CURRENCIES;
import static com.exchange.ledger.core.testing.LedgerFixtures.btc;
import static com.exchange.ledger.core.testing.LedgerFixtures.op;
import static com.exchange.ledger.projections.Fixtures.after;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bulk rebuild of {@code wallets} (docs/adr/0020-bulk-rebuild.md) against the live handler on one store with
 * tombstones (refused appends) and gaps (indexes taken and never written): the same documents, field for field, and
 * the token the tracking path reaches after the same events.
 */
@ExtendWith(WireMongoExtension.class)
@DisplayName("WalletsBulkRebuild: the wallets view rebuilt from the store read in bulk")
class WalletsBulkRebuildTest {

    private static final int ACCOUNTS = 7;
    /** More than two decoding chunks, so the order across chunks and threads is exercised. */
    private static final int EVENTS = 2_600;

    private MongoDatabase database;
    private MongoEventStorageEngine engine;
    private final long[] sequence = new long[ACCOUNTS];
    private final BigDecimal[] balance = new BigDecimal[ACCOUNTS];

    @BeforeEach
    void store(MongoDatabase freshDatabase) {
        database = freshDatabase;
        LedgerSerializer serializer = LedgerSerializer.create();
        engine = MongoEventStorageEngine.builder().database(database).eventSerializer(serializer).snapshotSerializer(serializer)
                .operationKeyOf(MongoEventStorageEngine::walletOperationKey).build();
        engine.ensureIndexes();
        for (int i = 0; i < ACCOUNTS; i++) {
            balance[i] = BigDecimal.ZERO;
        }
    }

    private static AccountId account(int i) {
        return AccountId.of("user-" + i, "BTC");
    }

    /** The next event of account {@code i}: credits, every fifth a debit; the balances it leaves. */
    private DomainEventMessage<?> next(int i) {
        long seq = sequence[i]++;
        WalletEvent event;
        if (seq % 5 == 4) {
            balance[i] = balance[i].subtract(new BigDecimal("0.5"));
            event = new FundsDebited(account(i), op("d-" + i + "-" + seq), btc("0.5"), SystemAccount.WITHDRAWALS, "payout",
                    after(balance[i].toPlainString(), "0", "0"));
        } else {
            balance[i] = balance[i].add(new BigDecimal("1.25"));
            event = new FundsCredited(account(i), op("c-" + i + "-" + seq), btc("1.25"), SystemAccount.NOWPAYMENTS, "deposit",
                    after(balance[i].toPlainString(), "0", "0"));
        }
        return new GenericDomainEventMessage<>("WalletAccount", account(i).key(), seq, event);
    }

    private void append(int events) {
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int n = 0; n < events; n++) {
            batch.add(next(n % ACCOUNTS));
            if (batch.size() == 200) {
                engine.appendIndependentEvents(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            engine.appendIndependentEvents(batch);
        }
    }

    /** A refused append: its index is closed by a tombstone. */
    private void tombstone() {
        DomainEventMessage<?> clash = new GenericDomainEventMessage<>("WalletAccount", account(0).key(), 0,
                new FundsCredited(account(0), op("clash-" + sequence[0]), btc("1"), SystemAccount.NOWPAYMENTS, "deposit", after("1", "0", "0")));
        assertThatThrownBy(() -> engine.appendEvents(clash)).isInstanceOf(ConcurrencyException.class);
    }

    /** An index taken by a writer that never wrote it. */
    private void gap() {
        database.getCollection("event_counters").updateOne(new Document("_id", "events"), new Document("$inc", new Document("last", 1L)));
    }

    /** The store with tombstones and gaps among the events, and both at its very end. */
    private void storeWithHoles() {
        gap();
        append(EVENTS / 2);
        tombstone();
        gap();
        gap();
        append(EVENTS / 2);
        tombstone();
        append(3);
        gap();
        tombstone();
        assertThat(database.getCollection("events").countDocuments(new Document("tombstone", true))).isEqualTo(3);
        assertThat(engine.head() - database.getCollection("events").countDocuments()).as("gaps").isEqualTo(4);
    }

    /** The view as the live handler builds it, event by event in stream order. */
    private List<TrackedEventMessage<?>> buildLive(WalletsProjection live) {
        List<TrackedEventMessage<?>> read = new ArrayList<>(engine.readEvents(null, false).toList());
        for (TrackedEventMessage<?> message : read) {
            if (message.getPayload() instanceof WalletEvent event && message instanceof DomainEventMessage<?> domain) {
                live.on(event, domain.getSequenceNumber(), message.getTimestamp());
            }
        }
        return read;
    }

    private List<Document> all(String collection) {
        return database.getCollection(collection).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    @Test
    @DisplayName("gives the live documents and the tracking path's token on a store with gaps and tombstones")
    void sameAsLive() {
        storeWithHoles();
        List<TrackedEventMessage<?>> tracked = buildLive(new WalletsProjection(database, "wallets_live", CURRENCIES));
        WalletsProjection view = new WalletsProjection(database, CURRENCIES);
        view.collection().insertOne(new Document("_id", "stale/BTC")); // what a rebuild must clear away

        AtomicLong progress = new AtomicLong();
        BulkEventReader.Result result = new WalletsBulkRebuild(view).rebuild(engine.bulkReader(2), Set.of(), progress::set);

        assertThat(all("wallets")).hasSize(ACCOUNTS).isEqualTo(all("wallets_live"));
        GapAwareTrackingToken trackingToken = (GapAwareTrackingToken) tracked.get(tracked.size() - 1).trackingToken();
        assertThat(result.token()).isEqualTo(trackingToken);
        assertThat(trackingToken.getGaps()).as("the gaps below the last event").hasSize(3);
        assertThat(result.events()).isEqualTo(tracked.size());
        assertThat(result.lastEvent()).isEqualTo(progress.get()).isEqualTo(trackingToken.getIndex());
    }

    @Test
    @DisplayName("writes an account again when its events come after its document was written (a store of many accounts)")
    void accountsWrittenTwice() {
        storeWithHoles();
        buildLive(new WalletsProjection(database, "wallets_live", CURRENCIES));
        WalletsProjection view = new WalletsProjection(database, CURRENCIES);

        new WalletsBulkRebuild(view, 3).rebuild(engine.bulkReader(1), Set.of(), position -> { });

        assertThat(all("wallets")).isEqualTo(all("wallets_live"));
    }

    @Test
    @DisplayName("leaves out the accounts with events in the dead-letter queue, as a replay parks all of theirs")
    void parkedAccountsLeftOut() {
        storeWithHoles();
        buildLive(new WalletsProjection(database, "wallets_live", CURRENCIES));
        WalletsProjection view = new WalletsProjection(database, CURRENCIES);

        new WalletsBulkRebuild(view).rebuild(engine.bulkReader(2), Set.of(account(3).key()), position -> { });

        List<Document> expected = all("wallets_live");
        expected.removeIf(d -> d.get("_id").equals(account(3).key()));
        assertThat(all("wallets")).hasSize(ACCOUNTS - 1).isEqualTo(expected);
    }

    @Test
    @DisplayName("a payload that cannot be decoded ends the read, naming its position (the rebuild then replays instead)")
    void undecodablePayload() {
        append(30);
        gap();
        long position = engine.head();
        Document broken = database.getCollection("events").find(new Document("_id", 1L)).first();
        broken.put("_id", position);
        broken.put("payload", "{not json");
        broken.put("eventIdentifier", "broken-event");
        broken.put("streamKey", "broken#0");
        broken.put("operationKey", "event:broken-event");
        database.getCollection("events").insertOne(broken);
        WalletsProjection view = new WalletsProjection(database, CURRENCIES);

        assertThatThrownBy(() -> new WalletsBulkRebuild(view).rebuild(engine.bulkReader(2), Set.of(), p -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("position " + position);
    }

    @Test
    @DisplayName("an empty store: an empty view and no token")
    void emptyStore() {
        WalletsProjection view = new WalletsProjection(database, CURRENCIES);

        BulkEventReader.Result result = new WalletsBulkRebuild(view).rebuild(engine.bulkReader(2), Set.of(), position -> { });

        assertThat(result.token()).isNull();
        assertThat(result.events()).isZero();
        assertThat(all("wallets")).isEmpty();
    }
}
