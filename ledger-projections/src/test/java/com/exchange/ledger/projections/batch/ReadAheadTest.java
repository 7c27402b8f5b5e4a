package com.exchange.ledger.projections.batch;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.wallet.FundsLocked;
import com.exchange.ledger.core.wallet.TransferOrigin;
import com.exchange.ledger.core.wallet.TransferReceived;
import com.exchange.ledger.core.wallet.TransferSent;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalFundsLocked;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRequested;
import com.exchange.ledger.core.withdrawal.WithdrawalId;
import com.exchange.ledger.projections.eventstore.LedgerSerializer;
import com.exchange.ledger.projections.eventstore.WireMongo;
import com.exchange.ledger.projections.flows.FlowsProjection;
import com.exchange.ledger.projections.holds.OpenHoldsProjection;
import com.exchange.ledger.projections.system.SystemBalancesProjection;
import com.exchange.ledger.projections.transfers.TransfersInFlightProjection;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static com.exchange.ledger.core.testing.LedgerFixtures.CURRENCIES;
import static com.exchange.ledger.core.testing.LedgerFixtures.btc;
import static com.exchange.ledger.projections.Fixtures.after;
import static com.exchange.ledger.projections.Fixtures.at;
import static com.exchange.ledger.projections.Fixtures.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The views that read the documents they change read all a batch's documents with one {@code $in} per collection
 * (issue 14), and the documents come out as if each event had been handled on its own.
 */
@DisplayName("Read ahead: a processor batch reads the documents its events touch with one query per collection")
class ReadAheadTest {

    private static final int TRANSFERS = 40;

    private final WireMongo mongo = new WireMongo();
    /** Finds sent, by database and collection ("db.collection"). */
    private final Map<String, AtomicLong> finds = new ConcurrentHashMap<>();
    private final MongoClient listened = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(mongo.connectionString()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if ("find".equals(event.getCommandName())) {
                        finds.computeIfAbsent(event.getDatabaseName() + "." + event.getCommand().getString("find").getValue(),
                                key -> new AtomicLong()).incrementAndGet();
                    }
                }
            })
            .build());
    private long index;

    @AfterEach
    void close() {
        listened.close();
        mongo.close();
    }

    /** The four views that read what they change, with their end-of-batch writes, on one database. */
    private record Views(MongoDatabase database, List<AnnotationEventHandlerAdapter> handlers,
                         List<MessageHandlerInterceptor<EventMessage<?>>> flushes) {

        static Views on(MongoDatabase database) {
            TransfersInFlightProjection transfers = new TransfersInFlightProjection(database, CURRENCIES);
            SystemBalancesProjection balances = new SystemBalancesProjection(database, CURRENCIES, LedgerSerializer.create());
            OpenHoldsProjection holds = new OpenHoldsProjection(database, CURRENCIES);
            FlowsProjection flows = new FlowsProjection(database, CURRENCIES);
            List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
            List.of(transfers, balances, holds).forEach(view -> handlers.add(new AnnotationEventHandlerAdapter(view)));
            flows.views().forEach(view -> handlers.add(new AnnotationEventHandlerAdapter(view)));
            return new Views(database, handlers, List.of(transfers.flushAtEndOfBatch(), balances.flushAtEndOfBatch(),
                    holds.flushAtEndOfBatch(), flows.flushAtEndOfBatch()));
        }

        void handle(EventMessage<?> message) throws Exception {
            for (AnnotationEventHandlerAdapter handler : handlers) {
                if (handler.canHandle(message)) {
                    handler.handle(message);
                }
            }
        }

        /** As the processor runs a batch: one unit of work, the views' flushes around the handlers. */
        void handleAsOneBatch(List<EventMessage<?>> messages) {
            BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
            var result = batch.executeWithResult(() -> {
                EventMessage<?> message = batch.getMessage();
                InterceptorChain chain = () -> {
                    handle(message);
                    return null;
                };
                for (MessageHandlerInterceptor<EventMessage<?>> flush : flushes) {
                    InterceptorChain inner = chain;
                    chain = () -> flush.handle(batch, inner);
                }
                return chain.proceed();
            });
            assertThat(result.isExceptional()).as("the batch failed: %s", result.optionalExceptionResult()).isFalse();
        }

        Map<String, List<Document>> documents() {
            Map<String, List<Document>> all = new TreeMap<>();
            for (String name : List.of(TransfersInFlightProjection.COLLECTION, SystemBalancesProjection.COLLECTION,
                    OpenHoldsProjection.COLLECTION, FlowsProjection.WITHDRAWALS)) {
                all.put(name, database.getCollection(name).find().sort(new Document("_id", 1)).into(new ArrayList<>()));
            }
            return all;
        }
    }

    private EventMessage<?> event(Object payload, String aggregate) {
        long position = ++index;
        return new GenericTrackedDomainEventMessage<>(token(position),
                new GenericDomainEventMessage<>("Aggregate", aggregate, position, payload, Map.of(), UUID.randomUUID().toString(),
                        at((int) position)));
    }

    private static AccountId user(int i) {
        return AccountId.of("user-" + i, "BTC");
    }

    /** Each transfer's first leg, a hold and a withdrawal request, all of different documents. */
    private List<EventMessage<?>> firstBatch() {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            messages.add(event(new TransferSent(user(i), TransferId.of("t-" + i), user(i + 1), btc("1"), btc("0.01"),
                    after("5", "0", "0")), user(i).key()));
            messages.add(event(new FundsLocked(user(i), HoldId.of("h-" + i), btc("0.5"), "p2p", after("4.5", "0.5", "0")),
                    user(i).key()));
            messages.add(event(new WithdrawalRequested(WithdrawalId.of("w-" + i), user(i), btc("0.1"), btc("0.001"), "addr-" + i,
                    at(i)), "w-" + i));
        }
        return messages;
    }

    /** The second legs and the withdrawals' next step: documents the first batch wrote, read back. */
    private List<EventMessage<?>> secondBatch() {
        List<EventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < TRANSFERS; i++) {
            messages.add(event(new TransferReceived(user(i + 1), TransferOrigin.TRANSFER, TransferId.of("t-" + i), user(i),
                    btc("0.99"), after("0.99", "0", "0")), user(i + 1).key()));
            messages.add(event(new WithdrawalFundsLocked(WithdrawalId.of("w-" + i)), "w-" + i));
        }
        return messages;
    }

    private Map<String, Long> findsOn(MongoDatabase database) {
        Map<String, Long> counts = new TreeMap<>();
        finds.forEach((key, count) -> {
            if (key.startsWith(database.getName() + ".")) {
                counts.put(key.substring(database.getName().length() + 1), count.get());
            }
        });
        return counts;
    }

    @Test
    @DisplayName("a batch of events for 40 documents of each view: one find per collection; the documents as if handled one by one")
    void oneFindPerCollectionPerBatch() throws Exception {
        Views batched = Views.on(listened.getDatabase(mongo.freshDatabase().getName()));
        Views oneByOne = Views.on(mongo.freshDatabase());
        List<EventMessage<?>> first = firstBatch();
        List<EventMessage<?>> second = secondBatch();

        batched.handleAsOneBatch(first);
        assertThat(findsOn(batched.database())).containsExactlyInAnyOrderEntriesOf(Map.of(
                TransfersInFlightProjection.COLLECTION, 1L, SystemBalancesProjection.COLLECTION, 1L,
                OpenHoldsProjection.COLLECTION, 1L, FlowsProjection.WITHDRAWALS, 1L));
        finds.clear();
        batched.handleAsOneBatch(second);
        // the holds view reads nothing for a batch without locks
        assertThat(findsOn(batched.database())).containsExactlyInAnyOrderEntriesOf(Map.of(
                TransfersInFlightProjection.COLLECTION, 1L, SystemBalancesProjection.COLLECTION, 1L,
                FlowsProjection.WITHDRAWALS, 1L));

        // outside a batch every event acts at once, reading its document on its own
        for (EventMessage<?> message : first) {
            oneByOne.handle(message);
        }
        for (EventMessage<?> message : second) {
            oneByOne.handle(message);
        }
        Map<String, List<Document>> expected = oneByOne.documents();
        assertThat(expected.get(TransfersInFlightProjection.COLLECTION)).hasSize(TRANSFERS)
                .allSatisfy(transfer -> assertThat(transfer.getString("state")).isEqualTo("received"));
        assertThat(expected.get(OpenHoldsProjection.COLLECTION)).hasSize(TRANSFERS);
        assertThat(expected.get(FlowsProjection.WITHDRAWALS)).hasSize(TRANSFERS)
                .allSatisfy(withdrawal -> assertThat(withdrawal.getString("status")).isEqualTo("pending"));
        assertThat(batched.documents()).isEqualTo(expected);
    }

    @Test
    @DisplayName("a batch handled again (after a crash before its token) reads ahead and writes the same documents")
    void redeliveredBatchIsIdempotent() {
        Views batched = Views.on(listened.getDatabase(mongo.freshDatabase().getName()));
        List<EventMessage<?>> first = firstBatch();
        batched.handleAsOneBatch(first);
        Map<String, List<Document>> once = batched.documents();
        finds.clear();
        batched.handleAsOneBatch(first);
        assertThat(findsOn(batched.database())).hasSize(4).allSatisfy((collection, count) -> assertThat(count).isEqualTo(1L));
        assertThat(batched.documents()).isEqualTo(once);
    }

    @Test
    @DisplayName("the $in is bounded: 2,500 ids read in three queries; a document the batch replaced first keeps its replacement")
    void readAheadInChunks() {
        MongoDatabase database = listened.getDatabase(mongo.freshDatabase().getName());
        MongoCollection<Document> collection = database.getCollection("read_ahead_test");
        collection.insertMany(IntStream.range(0, 2_000).mapToObj(i -> new Document("_id", "doc-" + i).append("value", i)).toList());
        BatchWrites writes = new BatchWrites(collection);
        List<String> ids = IntStream.range(0, 2_500).mapToObj(i -> "doc-" + i).toList();
        List<EventMessage<?>> messages = List.of(new org.axonframework.eventhandling.GenericEventMessage<>("only"));
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        List<Object> seen = new ArrayList<>();
        finds.clear();
        var result = batch.executeWithResult(() -> writes.flushAtEndOfBatch().handle(batch, () -> {
            writes.replace("doc-7", new Document("_id", "doc-7").append("value", -7));
            writes.readAhead(ids);
            seen.add(findsOn(database).get("read_ahead_test"));
            seen.add(writes.find("doc-7").getInteger("value"));
            seen.add(writes.find("doc-1999").getInteger("value"));
            seen.add(writes.find("doc-2499"));
            seen.add(findsOn(database).get("read_ahead_test"));
            return null;
        }));
        assertThat(result.isExceptional()).isFalse();
        // 2,499 unknown ids (doc-7 is the batch's own): ceil(2,499 / 1,000) = 3 queries, then no read at all
        assertThat(seen).containsExactly(3L, -7, 1999, null, 3L);
        assertThat(collection.find(Filters.eq("_id", "doc-7")).first().getInteger("value")).isEqualTo(-7);
    }
}
