package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import com.exchange.ledger.core.shared.JournalEntry;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.Posting;
import com.exchange.ledger.core.shared.SystemAccount;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(WireMongoExtension.class)
class MongoEventStorageEngineTest {

    private MongoDatabase database;
    private MongoEventStorageEngine engine;

    @BeforeEach
    void newEngine(MongoDatabase freshDatabase) {
        database = freshDatabase;
        engine = engineOn(database);
    }

    static MongoEventStorageEngine engineOn(MongoDatabase database) {
        LedgerSerializer serializer = LedgerSerializer.create();
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .operationKeyOf(event -> event.getMetaData().get("op") instanceof String op ? op : null)
                .build();
        engine.ensureIndexes();
        return engine;
    }

    static DomainEventMessage<?> event(String aggregate, long sequence, String payload) {
        return new GenericDomainEventMessage<>("Account", aggregate, sequence, payload);
    }

    static DomainEventMessage<?> event(String aggregate, long sequence, String payload, String operationKey) {
        return new GenericDomainEventMessage<>("Account", aggregate, sequence, payload, Map.of("op", operationKey));
    }

    private List<TrackedEventMessage<?>> readAll(TrackingToken from) {
        return engine.readEvents(from, false).collect(Collectors.toList());
    }

    @Nested
    @DisplayName("an aggregate stream")
    class AggregateStream {

        @Test
        @DisplayName("reads back its events in order, from any sequence number")
        void readsBack() {
            for (int i = 0; i < 7; i++) {
                engine.appendEvents(event("a", i, "e" + i));
            }
            engine.appendEvents(event("b", 0, "other"));

            assertThat(engine.readEvents("a").asStream().map(m -> (Object) m.getPayload())).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6");
            assertThat(engine.readEvents("a", 5).asStream().map(m -> (Object) m.getPayload())).containsExactly("e5", "e6");
            assertThat(engine.lastSequenceNumberFor("a")).contains(6L);
            assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
        }

        @Test
        @DisplayName("reads across several batches")
        void readsAcrossBatches() {
            for (int i = 0; i < 250; i++) {
                engine.appendEvents(event("long", i, "e" + i));
            }
            assertThat(engine.readEvents("long").asStream().count()).isEqualTo(250);
        }

        @Test
        @DisplayName("refuses a second event at the same sequence number as a concurrency conflict")
        void concurrentAppend() {
            engine.appendEvents(event("a", 0, "first"));

            assertThatThrownBy(() -> engine.appendEvents(event("a", 0, "second"))).isInstanceOf(ConcurrencyException.class);
            assertThat(engine.readEvents("a").asStream().map(m -> (Object) m.getPayload())).containsExactly("first");
        }

        @Test
        @DisplayName("refuses a second event with the same operation key, and says so")
        void duplicateOperation() {
            engine.appendEvents(event("a", 0, "credit", "op:1"));

            assertThatThrownBy(() -> engine.appendEvents(event("a", 1, "credit again", "op:1")))
                    .isInstanceOf(DuplicateOperationKeyException.class);
            assertThat(engine.findByOperationKey("a", "op:1")).map(DomainEventData::getEventIdentifier).isPresent();
            assertThat(engine.findByOperationKey("b", "op:1")).isEmpty();
            assertThat(engine.readEvents("a").asStream().count()).isEqualTo(1);
        }

        @Test
        @DisplayName("keeps the latest snapshot and loads only the events after it")
        void snapshots() {
            for (int i = 0; i < 5; i++) {
                engine.appendEvents(event("a", i, "e" + i));
            }
            engine.storeSnapshot(new GenericDomainEventMessage<>("Account", "a", 3, "state-at-3"));

            assertThat(engine.readSnapshot("a")).map(m -> (Object) m.getPayload()).contains("state-at-3");
            assertThat(engine.readEvents("a", 4).asStream().map(m -> (Object) m.getPayload())).containsExactly("e4");
        }
    }

    @Nested
    @DisplayName("the global stream")
    class GlobalStream {

        @Test
        @DisplayName("delivers every event once, in index order, with tokens that advance")
        void inOrder() {
            for (int i = 0; i < 30; i++) {
                engine.appendEvents(event("agg" + (i % 4), i / 4, "e" + i));
            }
            List<TrackedEventMessage<?>> all = readAll(null);

            assertThat(all).extracting(m -> (Object) m.getPayload()).containsExactlyElementsOf(
                    java.util.stream.IntStream.range(0, 30).mapToObj(i -> "e" + i).toList());
            assertThat(all.get(29).trackingToken().position()).hasValue(30);
            assertThat(readAll(all.get(9).trackingToken())).hasSize(20);
        }

        @Test
        @DisplayName("skips the tombstone a refused append leaves, without waiting for it")
        void tombstones() {
            engine.appendEvents(event("a", 0, "first"));
            assertThatThrownBy(() -> engine.appendEvents(event("a", 0, "clash"))).isInstanceOf(ConcurrencyException.class);
            engine.appendEvents(event("a", 1, "third"));

            List<TrackedEventMessage<?>> all = readAll(null);
            assertThat(all).extracting(m -> (Object) m.getPayload()).containsExactly("first", "third");
            GapAwareTrackingToken last = (GapAwareTrackingToken) all.get(1).trackingToken();
            assertThat(last.getIndex()).isEqualTo(3);
            assertThat(last.getGaps()).isEmpty();
        }

        @Test
        @DisplayName("keeps an index that is allocated but not yet written as a gap, and delivers it once it lands")
        void lateCommit() {
            engine.appendEvents(event("a", 0, "one"));
            // a writer took index 2 and has not inserted it yet
            database.getCollection("event_counters").updateOne(new Document("_id", "events"), new Document("$inc", new Document("last", 1L)));
            engine.appendEvents(event("b", 0, "three"));

            List<TrackedEventMessage<?>> first = readAll(null);
            assertThat(first).extracting(m -> (Object) m.getPayload()).containsExactly("one", "three");
            GapAwareTrackingToken token = (GapAwareTrackingToken) first.get(1).trackingToken();
            assertThat(token.getGaps()).containsExactly(2L);

            MongoEventStorageEngine late = engineOn(database);
            Document held = new Document("_id", 2L);
            database.getCollection("events").find(new Document("_id", 3L)).first().forEach(held::putIfAbsent);
            held.put("_id", 2L);
            held.put("payload", "\"two\"");
            held.put("eventIdentifier", "late-event");
            held.put("aggregateIdentifier", "c");
            held.put("streamKey", "c#0");
            held.put("operationKey", "event:late-event");
            database.getCollection("events").insertOne(held);

            List<TrackedEventMessage<?>> next = late.readEvents(token, false).collect(Collectors.toList());
            assertThat(next).extracting(m -> (Object) m.getPayload()).containsExactly("two");
            assertThat(((GapAwareTrackingToken) next.get(0).trackingToken()).getGaps()).isEmpty();
            assertThat(late.readEvents(next.get(0).trackingToken(), false).count()).isZero();
        }

        @Test
        @DisplayName("a head token starts after everything written and before anything still in flight")
        void headToken() {
            engine.appendEvents(event("a", 0, "old"));
            TrackingToken head = engine.createHeadToken();
            engine.appendEvents(event("a", 1, "new"));

            assertThat(readAll(head)).extracting(m -> (Object) m.getPayload()).containsExactly("new");
            assertThat(engine.createTailToken()).isNull();
        }

        @Test
        @DisplayName("a token at an instant starts at the first event from that instant")
        void tokenAt() {
            engine.appendEvents(event("a", 0, "before"));
            java.time.Instant cut = java.time.Instant.now();
            org.awaitility.Awaitility.await().until(() -> java.time.Instant.now().isAfter(cut));
            engine.appendEvents(event("a", 1, "after"));

            assertThat(readAll(engine.createTokenAt(cut))).extracting(m -> (Object) m.getPayload()).containsExactly("after");
        }
    }

    /** A journal entry whose postings do not add up: what a bug in an event's postings would produce. */
    record LopsidedEntry(List<Posting> postings) implements JournalEntry {
    }

    @Nested
    @DisplayName("the one-event rule and double entry (issue 13)")
    class AppendRules {

        @Test
        @DisplayName("refuses an append of two events as one command's effect, and writes neither")
        void refusesTwoEventsInOneAppend() {
            assertThatThrownBy(() -> engine.appendEvents(event("d", 0, "recorded"), event("d", 1, "credit due")))
                    .isInstanceOf(EventStoreException.class).hasMessageContaining("one command, one event");

            assertThat(engine.readEvents("d").asStream().count()).isZero();
            assertThat(database.getCollection("events").countDocuments()).isZero();
        }

        @Test
        @DisplayName("refuses an unbalanced journal entry before it reaches the store")
        void refusesUnbalancedEntry() {
            Money one = new Money("BTC", BigDecimal.ONE);
            LopsidedEntry lopsided = new LopsidedEntry(List.of(Posting.system(SystemAccount.FEES, one),
                    Posting.system(SystemAccount.TREASURY, one)));

            assertThatThrownBy(() -> engine.appendEvents(new GenericDomainEventMessage<>("Account", "x", 0, lopsided)))
                    .isInstanceOf(EventStoreException.class).hasMessageContaining("unbalanced");
            assertThat(database.getCollection("events").countDocuments()).isZero();
        }

        @Test
        @DisplayName("the bulk path takes many independent events in one append")
        void bulkPathTakesIndependentEvents() {
            engine.appendIndependentEvents(List.of(event("s1", 0, "seed 1"), event("s2", 0, "seed 2"), event("s3", 0, "seed 3")));

            assertThat(readAll(null)).extracting(m -> (Object) m.getPayload()).containsExactly("seed 1", "seed 2", "seed 3");
        }

        @Test
        @DisplayName("a batch prepared on another thread is appended like the bulk path, hashes verifying, and only once")
        void preparedBatchIsAppendedOnce() throws Exception {
            MongoEventStorageEngine.PreparedEvents prepared = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    engine.prepareIndependentEvents(List.of(event("p1", 0, "prepared 1"), event("p2", 0, "prepared 2")))).get();
            assertThat(database.getCollection("events").countDocuments()).as("preparing writes nothing").isZero();

            engine.appendPrepared(prepared);

            assertThat(readAll(null)).extracting(m -> (Object) m.getPayload()).containsExactly("prepared 1", "prepared 2");
            database.getCollection("events").find().forEach(stored ->
                    assertThat(HexFormat.of().formatHex(EventHash.of(stored))).isEqualTo(stored.getString(EventHash.FIELD)));
            assertThatThrownBy(() -> engine.appendPrepared(prepared)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("appended already");
            assertThat(database.getCollection("events").countDocuments()).isEqualTo(2);
        }
    }
}
