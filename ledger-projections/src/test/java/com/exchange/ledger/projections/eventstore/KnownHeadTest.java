package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tracking read reads the stored head only when nothing known is ahead of it, at most once per maximum age; what
 * another instance appended is still seen, within that age or at this instance's next append.
 */
@DisplayName("The tracking read's head: read from the store only at the known head")
class KnownHeadTest {

    private static final Duration HOUR = Duration.ofHours(1);

    @Nested
    @DisplayName("the rule")
    class Rule {
        private final AtomicLong allocated = new AtomicLong();
        private final AtomicLong stored = new AtomicLong();
        private final AtomicInteger reads = new AtomicInteger();
        private final LongSupplier storedHead = () -> {
            reads.incrementAndGet();
            return stored.get();
        };

        @Test
        @DisplayName("a reader behind this process's allocations reads nothing")
        void behindTheAllocations() {
            KnownHead head = new KnownHead(allocated::get, storedHead, Duration.ZERO);
            allocated.set(40);
            stored.set(55);
            assertThat(head.atLeast(1)).isEqualTo(40);
            assertThat(head.atLeast(40)).isEqualTo(40);
            assertThat(reads).hasValue(0);
        }

        @Test
        @DisplayName("a reader at the known head reads the store, then trusts that head for its maximum age")
        void atTheHead() {
            KnownHead head = new KnownHead(allocated::get, storedHead, HOUR);
            allocated.set(40);
            stored.set(55);
            assertThat(head.atLeast(41)).isEqualTo(55);
            assertThat(head.atLeast(50)).as("behind the head read before").isEqualTo(55);
            stored.set(70);
            assertThat(head.atLeast(56)).as("at it, within the age: no read").isEqualTo(55);
            assertThat(reads).hasValue(1);
            allocated.set(80);
            assertThat(head.atLeast(56)).as("this process appended beyond it").isEqualTo(80);
            assertThat(reads).hasValue(1);
        }

        @Test
        @DisplayName("with no age, a reader at the known head reads the store every time")
        void noAge() {
            KnownHead head = new KnownHead(allocated::get, storedHead, Duration.ZERO);
            assertThat(head.atLeast(1)).isZero();
            stored.set(3);
            assertThat(head.atLeast(1)).isEqualTo(3);
            assertThat(reads).hasValue(2);
        }

        @Test
        @DisplayName("a negative age is refused")
        void negativeAge() {
            assertThatThrownBy(() -> new KnownHead(allocated::get, storedHead, Duration.ofMillis(-1)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    @DisplayName("on the wire")
    class OnTheWire {
        private final WireMongo mongo = new WireMongo();
        private final List<BsonDocument> sent = new CopyOnWriteArrayList<>();
        private final MongoClient listened = mongo.recordingClient(sent);
        private final MongoDatabase database = listened.getDatabase(mongo.freshDatabase().getName());

        @AfterEach
        void close() {
            listened.close();
            mongo.close();
        }

        private MongoEventStorageEngine engine(Duration storedHeadMaxAge) {
            LedgerSerializer serializer = LedgerSerializer.create();
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                    .database(database)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .operationKeyOf(event -> null)
                    .storedHeadMaxAge(storedHeadMaxAge)
                    .build();
            engine.ensureIndexes();
            return engine;
        }

        private void append(MongoEventStorageEngine engine, String account, int count) {
            for (int i = 0; i < count; i++) {
                engine.appendEvents(new GenericDomainEventMessage<>("Account", account, i, "e" + i));
            }
        }

        private long counterReads() {
            return sent.stream().filter(c -> c.containsKey("find") && c.getString("find").getValue().equals("event_counters")).count();
        }

        @Test
        @DisplayName("fetches behind this engine's appends send no counter read; the one at the head sends one per age")
        void noReadBehindTheAppends() {
            MongoEventStorageEngine engine = engine(HOUR);
            append(engine, "a", 30);
            sent.clear();
            TrackingToken token = null;
            int seen = 0;
            for (int fetch = 0; fetch < 3; fetch++) {
                List<? extends TrackedEventData<?>> batch = engine.fetchTrackedEvents(token, 10);
                assertThat(batch).isNotEmpty();
                seen += batch.size();
                token = batch.get(batch.size() - 1).trackingToken();
                if (seen == 30) {
                    break;
                }
            }
            assertThat(seen).isEqualTo(30);
            assertThat(counterReads()).as("every fetch was behind this engine's allocations").isZero();
            assertThat(engine.fetchTrackedEvents(token, 10)).isEmpty();
            assertThat(engine.fetchTrackedEvents(token, 10)).isEmpty();
            assertThat(counterReads()).as("at the head: one read, then trusted for the age").isOne();
        }

        @Test
        @DisplayName("another instance's events are seen at the next stored read, or at this instance's next append")
        void anotherInstancesEvents() {
            MongoEventStorageEngine here = engine(HOUR);
            MongoEventStorageEngine there = engine(HOUR);
            append(here, "a", 2);
            TrackingToken token = here.fetchTrackedEvents(null, 10).get(1).trackingToken();
            assertThat(here.fetchTrackedEvents(token, 10)).as("at the head, read once").isEmpty();
            append(there, "b", 3);
            assertThat(here.fetchTrackedEvents(token, 10)).as("within the age: not yet").isEmpty();
            append(here, "c", 1);
            assertThat(here.fetchTrackedEvents(token, 10)).as("this instance's append lies beyond them")
                    .extracting(e -> e.getEventIdentifier() != null).hasSize(4);

            MongoEventStorageEngine eager = engine(Duration.ZERO);
            TrackingToken atHead = eager.fetchTrackedEvents(null, 10).get(5).trackingToken();
            append(there, "d", 2);
            assertThat(eager.fetchTrackedEvents(atHead, 10)).as("no age: read at once").hasSize(2);
        }
    }
}
