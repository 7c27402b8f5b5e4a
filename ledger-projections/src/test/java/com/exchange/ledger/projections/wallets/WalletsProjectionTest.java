package com.exchange.ledger.projections.wallets;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.FundsCredited;
import com.exchange.ledger.core.wallet.FundsDebited;
import com.exchange.ledger.core.wallet.FundsLocked;
import com.exchange.ledger.core.wallet.MovedToSavings;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.eventstore.WireMongoExtension;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.exchange.ledger.core.testing.LedgerFixtures.*;
import static com.exchange.ledger.projections.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(WireMongoExtension.class)
@DisplayName("WalletsProjection: the wallets view of docs/design.md")
class WalletsProjectionTest {


    private MongoCollection<Document> wallets;
    private WalletsProjection projection;

    @BeforeEach
    void freshView(MongoDatabase database) {
        wallets = database.getCollection(WalletsProjection.COLLECTION);
        projection = new WalletsProjection(database, CURRENCIES);
    }

    private Document wallet(String accountKey) {
        return wallets.find(Filters.eq("_id", accountKey)).first();
    }

    private static FundsCredited credit(String operation, String amount, String available) {
        return new FundsCredited(ALICE_BTC, OperationId.of(operation), btc(amount), SystemAccount.NOWPAYMENTS, "deposit",
                after(available, "0", "0"));
    }

    @Nested
    @DisplayName("document shape")
    class Shape {

        @Test
        @DisplayName("has exactly the docs/design.md fields, plus _id and the sequence it reflects")
        void exactlyTheDesignFields() {
            projection.on(credit("dep-1", "1.5", "1.5"), 0, at(0));

            assertThat(wallet("alice/BTC").keySet()).containsExactlyInAnyOrder(
                    "_id", "user_id", "currency", "available_balance", "locked_balance", "savings_balance",
                    "total_balance", "created_at", "last_updated", "last_sequence");
        }

        @Test
        @DisplayName("user_id and currency are the account's; created_at and last_updated the event's timestamp")
        void identityAndTimes() {
            projection.on(credit("dep-1", "1.5", "1.5"), 0, at(7));

            Document wallet = wallet("alice/BTC");
            assertThat(wallet.getString("user_id")).isEqualTo("alice");
            assertThat(wallet.getString("currency")).isEqualTo("BTC");
            assertThat(wallet.getDate("created_at")).isEqualTo(date(7));
            assertThat(wallet.getDate("last_updated")).isEqualTo(date(7));
        }

        @Test
        @DisplayName("every balance is a Decimal128 at BTC's 8 decimals, an untouched bucket recorded as 0 included")
        void btcPrecisionEvenForZero() {
            // the event records locked and savings as a bare 0 (scale 0)
            projection.on(credit("dep-1", "1.5", "1.5"), 0, at(0));

            Document wallet = wallet("alice/BTC");
            assertThat(decimal(wallet, "available_balance")).isEqualTo("1.50000000");
            assertThat(decimal(wallet, "locked_balance")).isEqualTo("0.00000000");
            assertThat(decimal(wallet, "savings_balance")).isEqualTo("0.00000000");
            assertThat(decimal(wallet, "total_balance")).isEqualTo("1.50000000");
        }

        @Test
        @DisplayName("ETH keeps all 18 decimals, one wei included")
        void ethPrecision() {
            projection.on(new FundsCredited(ALICE_ETH, OperationId.of("dep-eth"), eth("2.000000000000000001"),
                    SystemAccount.NOWPAYMENTS, "", after("2.000000000000000001", "0", "0")), 0, at(0));

            Document wallet = wallet("alice/ETH");
            assertThat(decimal(wallet, "available_balance")).isEqualTo("2.000000000000000001");
            assertThat(decimal(wallet, "savings_balance")).isEqualTo("0.000000000000000000");
            assertThat(decimal(wallet, "total_balance")).isEqualTo("2.000000000000000001");
        }

        @Test
        @DisplayName("total_balance is available + locked + savings, exactly")
        void totalIsTheSum() {
            projection.on(new MovedToSavings(ALICE_BTC, OperationId.of("sav-1"), btc("0.25"), after("0.75", "0.5", "0.25")), 3, at(0));

            Document wallet = wallet("alice/BTC");
            assertThat(decimal(wallet, "available_balance")).isEqualTo("0.75000000");
            assertThat(decimal(wallet, "locked_balance")).isEqualTo("0.50000000");
            assertThat(decimal(wallet, "savings_balance")).isEqualTo("0.25000000");
            assertThat(decimal(wallet, "total_balance")).isEqualTo("1.50000000");
        }

        @Test
        @DisplayName("one document per (user, currency): two currencies of one user are two documents")
        void onePerUserAndCurrency() {
            projection.on(credit("dep-1", "1", "1"), 0, at(0));
            projection.on(new FundsCredited(ALICE_ETH, OperationId.of("dep-2"), eth("3"), SystemAccount.NOWPAYMENTS, "",
                    after("3", "0", "0")), 0, at(1));

            assertThat(wallets.countDocuments()).isEqualTo(2);
            assertThat(decimal(wallet("alice/BTC"), "available_balance")).isEqualTo("1.00000000");
            assertThat(decimal(wallet("alice/ETH"), "available_balance")).isEqualTo("3.000000000000000000");
        }
    }

    @Nested
    @DisplayName("re-delivery and order")
    class Idempotence {

        @Test
        @DisplayName("a re-delivered event (same sequence) is not even written again")
        void redeliveryDoesNotWrite() {
            FundsCredited second = credit("dep-2", "0.5", "1.5");
            projection.on(credit("dep-1", "1", "1"), 0, at(0));
            projection.on(second, 1, at(1));
            // a probe a rewrite would drop: replaceOne writes the document whole
            wallets.updateOne(Filters.eq("_id", "alice/BTC"), Updates.set("probe", true));
            Document before = wallet("alice/BTC");

            projection.on(second, 1, at(1));

            assertThat(wallet("alice/BTC")).isEqualTo(before);
            assertThat(wallet("alice/BTC").getBoolean("probe")).isTrue();
        }

        @Test
        @DisplayName("an older event does not roll the balances back")
        void olderEventIsIgnored() {
            projection.on(credit("dep-1", "1", "1"), 0, at(0));
            projection.on(new FundsDebited(ALICE_BTC, OperationId.of("wd-1"), btc("0.4"), SystemAccount.WITHDRAWALS, "",
                    after("0.6", "0", "0")), 1, at(1));

            projection.on(credit("dep-1", "1", "1"), 0, at(0));

            Document wallet = wallet("alice/BTC");
            assertThat(decimal(wallet, "available_balance")).isEqualTo("0.60000000");
            assertThat(wallet.getDate("last_updated")).isEqualTo(date(1));
            assertThat(wallet.getLong("last_sequence")).isEqualTo(1L);
        }

        @Test
        @DisplayName("created_at stays the first event's, last_updated follows the latest")
        void createdAtIsKept() {
            projection.on(credit("dep-1", "1", "1"), 0, at(0));
            projection.on(credit("dep-2", "1", "2"), 1, at(60));
            projection.on(new FundsLocked(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), "p2p", after("1.5", "0.5", "0")), 2, at(120));

            Document wallet = wallet("alice/BTC");
            assertThat(wallet.getDate("created_at")).isEqualTo(date(0));
            assertThat(wallet.getDate("last_updated")).isEqualTo(date(120));
            assertThat(decimal(wallet, "locked_balance")).isEqualTo("0.50000000");
        }

        @Test
        @DisplayName("a skipped sequence number (first event seen is not the first) is still applied")
        void laterFirstEvent() {
            projection.on(credit("dep-9", "9", "9"), 8, at(8));

            assertThat(wallet("alice/BTC").getLong("last_sequence")).isEqualTo(8L);
            assertThat(decimal(wallet("alice/BTC"), "available_balance")).isEqualTo("9.00000000");
        }
    }

    @Nested
    @DisplayName("reset and indexes")
    class ResetAndIndexes {

        @Test
        @DisplayName("the reset handler empties the collection before a replay")
        void resetEmpties() {
            projection.on(credit("dep-1", "1", "1"), 0, at(0));
            projection.on(new FundsCredited(BOB_BTC, OperationId.of("dep-2"), btc("2"), SystemAccount.NOWPAYMENTS, "",
                    after("2", "0", "0")), 0, at(0));
            assertThat(wallets.countDocuments()).isEqualTo(2);

            projection.reset();

            assertThat(wallets.countDocuments()).isZero();
        }

        @Test
        @DisplayName("after a reset the replayed first event creates the document again")
        void replayAfterReset() {
            projection.on(credit("dep-1", "1", "1"), 0, at(0));
            projection.reset();

            projection.on(credit("dep-1", "1", "1"), 0, at(0));

            assertThat(wallet("alice/BTC").getLong("last_sequence")).isZero();
        }

        @Test
        @DisplayName("ensureIndexes creates the four named indexes of docs/design.md, the pair unique")
        void fourIndexes() {
            projection.ensureIndexes();
            projection.ensureIndexes(); // again, as every start does

            Map<String, Document> indexes = new HashMap<>();
            wallets.listIndexes().forEach(index -> indexes.put(index.getString("name"), index));
            assertThat(indexes).containsOnlyKeys("_id_", "user_id_1_currency_1", "user_id_1", "currency_1", "total_balance_1");
            assertThat(indexes.get("user_id_1_currency_1").get("key", Document.class))
                    .isEqualTo(new Document("user_id", 1).append("currency", 1));
            assertThat(indexes.get("user_id_1_currency_1").getBoolean("unique")).isTrue();
            assertThat(indexes.get("user_id_1").get("key", Document.class)).isEqualTo(new Document("user_id", 1));
            assertThat(indexes.get("currency_1").get("key", Document.class)).isEqualTo(new Document("currency", 1));
            assertThat(indexes.get("total_balance_1").get("key", Document.class)).isEqualTo(new Document("total_balance", 1));
            assertThat(indexes.get("user_id_1").getBoolean("unique", false)).isFalse();
        }

        @Test
        @DisplayName("the unique index refuses a second document for the same (user, currency)")
        void uniquePair() {
            projection.ensureIndexes();
            projection.on(credit("dep-1", "1", "1"), 0, at(0));

            assertThatThrownBy(() -> wallets.insertOne(new Document("_id", "other").append("user_id", "alice").append("currency", "BTC")))
                    .isInstanceOf(MongoWriteException.class);
        }
    }

    @Nested
    @DisplayName("inside a processor batch (BatchingUnitOfWork + flushAtEndOfBatch)")
    class Batched {

        /** Documents in the view right after the handler ran for each message, before the interceptor's flush. */
        private final List<Long> afterHandler = new ArrayList<>();
        /** Documents in the view after the interceptor, for each message. */
        private final List<Long> afterInterceptor = new ArrayList<>();
        /** Documents in the view when the unit prepares its commit, where the processor stores its token. */
        private final List<Long> atPrepareCommit = new ArrayList<>();

        private EventMessage<?> event(WalletEvent event, long sequence, Instant at) {
            return new GenericDomainEventMessage<>("WalletAccount", event.account().key(), sequence, event, Map.of(),
                    UUID.randomUUID().toString(), at);
        }

        /** Runs the messages as one processor batch: the interceptor around a handler Axon would call for wallet events only. */
        private ResultMessage<?> runBatch(List<EventMessage<?>> messages) {
            MessageHandlerInterceptor<EventMessage<?>> interceptor = projection.flushAtEndOfBatch();
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(messages);
            unitOfWork.onPrepareCommit(u -> atPrepareCommit.add(wallets.countDocuments()));
            return unitOfWork.executeWithResult(() -> {
                EventMessage<?> message = unitOfWork.getMessage();
                Object result = interceptor.handle(unitOfWork, () -> {
                    if (message.getPayload() instanceof WalletEvent walletEvent) {
                        projection.on(walletEvent, ((DomainEventMessage<?>) message).getSequenceNumber(), message.getTimestamp());
                    }
                    afterHandler.add(wallets.countDocuments());
                    return null;
                });
                afterInterceptor.add(wallets.countDocuments());
                return result;
            });
        }

        private List<EventMessage<?>> threeAccounts() {
            return new ArrayList<>(List.of(
                    event(credit("dep-1", "1", "1"), 0, at(0)),
                    event(new FundsCredited(BOB_BTC, OperationId.of("dep-2"), btc("2"), SystemAccount.NOWPAYMENTS, "",
                            after("2", "0", "0")), 0, at(1)),
                    event(new FundsCredited(ALICE_ETH, OperationId.of("dep-3"), eth("3"), SystemAccount.NOWPAYMENTS, "",
                            after("3", "0", "0")), 0, at(2)),
                    event(new FundsLocked(ALICE_BTC, HoldId.of("h-1"), btc("0.25"), "p2p", after("0.75", "0.25", "0")), 1, at(3))));
        }

        @Test
        @DisplayName("the last message is not a wallet event: the interceptor writes every account at it, nothing before")
        void flushedByInterceptorAtLastMessage() {
            List<EventMessage<?>> batch = threeAccounts();
            batch.add(GenericEventMessage.asEventMessage("not a wallet event"));

            ResultMessage<?> result = runBatch(batch);

            assertThat(result.isExceptional()).isFalse();
            assertThat(afterHandler).containsExactly(0L, 0L, 0L, 0L, 0L);
            assertThat(afterInterceptor).containsExactly(0L, 0L, 0L, 0L, 3L);
            assertThat(atPrepareCommit).containsExactly(3L);
            assertThat(decimal(wallet("alice/BTC"), "locked_balance")).isEqualTo("0.25000000");
            assertThat(wallet("alice/BTC").getDate("created_at")).isEqualTo(date(0));
            assertThat(wallet("alice/BTC").getLong("last_sequence")).isEqualTo(1L);
            assertThat(decimal(wallet("bob/BTC"), "available_balance")).isEqualTo("2.00000000");
            assertThat(decimal(wallet("alice/ETH"), "available_balance")).isEqualTo("3.000000000000000000");
        }

        @Test
        @DisplayName("the last message is a wallet event: the handler writes the batch at it, once")
        void flushedByHandlerAtLastMessage() {
            ResultMessage<?> result = runBatch(threeAccounts());

            assertThat(result.isExceptional()).isFalse();
            assertThat(afterHandler).containsExactly(0L, 0L, 0L, 3L);
            assertThat(afterInterceptor).containsExactly(0L, 0L, 0L, 3L);
            assertThat(atPrepareCommit).containsExactly(3L);
            assertThat(wallet("alice/BTC").getLong("last_sequence")).isEqualTo(1L);
        }

        @Test
        @DisplayName("a batch that fails before its last message writes nothing")
        void failedBatchWritesNothing() {
            List<EventMessage<?>> batch = threeAccounts();
            // a wallet event in a currency the table does not know makes the handler throw
            batch.add(2, event(new FundsCredited(AccountId.of("alice", "XYZ"),
                    OperationId.of("dep-x"), new Money("XYZ", BigDecimal.ONE),
                    SystemAccount.NOWPAYMENTS, "", after("1", "0", "0")), 0, at(2)));

            ResultMessage<?> result = runBatch(batch);

            assertThat(result.isExceptional()).isTrue();
            assertThat(wallets.countDocuments()).isZero();
        }

        @Test
        @DisplayName("a batch over an account already in the view keeps its created_at and skips what it already reflects")
        void batchOverExistingDocuments() {
            projection.on(credit("dep-0", "0.5", "0.5"), 0, at(-60));
            List<EventMessage<?>> batch = List.of(
                    event(credit("dep-0", "0.5", "0.5"), 0, at(-60)), // re-delivered inside the batch
                    event(credit("dep-1", "1", "1.5"), 1, at(0)),
                    GenericEventMessage.asEventMessage("tail"));

            runBatch(batch);

            Document wallet = wallet("alice/BTC");
            assertThat(wallet.getDate("created_at")).isEqualTo(date(-60));
            assertThat(wallet.getDate("last_updated")).isEqualTo(date(0));
            assertThat(decimal(wallet, "available_balance")).isEqualTo("1.50000000");
        }

        @Test
        @DisplayName("the same batch delivered again (a crash before the token was stored) leaves the view as it was")
        void redeliveredBatch() {
            List<EventMessage<?>> batch = threeAccounts();
            runBatch(batch);
            List<Document> first = wallets.find().sort(new Document("_id", 1)).into(new ArrayList<>());

            runBatch(batch);

            assertThat(wallets.find().sort(new Document("_id", 1)).into(new ArrayList<>())).isEqualTo(first);
        }
    }
}
