package com.exchange.ledger.projections.chain;

import com.exchange.ledger.projections.chain.ChainBreak.Kind;
import com.exchange.ledger.projections.eventstore.EventHash;
import com.exchange.ledger.projections.eventstore.LedgerSerializer;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.eventstore.WireMongoExtension;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17 item 1 over the real wire-protocol store: every kind of hand tampering with {@code events} is found at its
 * position, an untouched log verifies clean, and a verification may start at a checkpoint.
 */
@ExtendWith(WireMongoExtension.class)
class TamperEvidentLogTest {

    private static final int PER_CHECKPOINT = 10;

    private MongoDatabase database;
    private MongoEventStorageEngine engine;
    private MongoCollection<Document> events;
    private Checkpoints checkpoints;
    private ChainSealer sealer;
    private ChainVerifier verifier;

    @BeforeEach
    void ledgerOf35Events(MongoDatabase freshDatabase) {
        database = freshDatabase;
        LedgerSerializer serializer = LedgerSerializer.create();
        engine = MongoEventStorageEngine.builder().database(database).eventSerializer(serializer).snapshotSerializer(serializer)
                .trackingWindow(50).build();
        engine.ensureIndexes();
        events = database.getCollection("events");
        checkpoints = new Checkpoints(database);
        sealer = new ChainSealer(engine, checkpoints, 0, PER_CHECKPOINT, Duration.ofSeconds(60), Clock.systemUTC());
        verifier = new ChainVerifier(engine, checkpoints);
        for (int i = 0; i < 35; i++) {
            append("alice", i, "credit " + (i + 1) + ".00 BTC");
        }
    }

    private void append(String account, long sequence, String payload) {
        engine.appendEvents(new GenericDomainEventMessage<>("WalletAccount", account, sequence, payload));
    }

    private ChainVerification verifyAll() {
        return verifier.verify(OptionalLong.empty());
    }

    @Test
    @DisplayName("every stored event carries the hash of its own content and position, which the verifier recomputes")
    void everyEventCarriesItsHash() {
        for (Document stored : events.find()) {
            assertThat(stored.getString(EventHash.FIELD)).isEqualTo(HexFormat.of().formatHex(EventHash.of(stored)));
        }
        assertThat(events.countDocuments(Filters.exists(EventHash.FIELD))).isEqualTo(35);
    }

    @Test
    @DisplayName("the sealer chains every position into checkpoints of at most its size; an untouched log verifies clean")
    void untouchedLogVerifiesClean() {
        assertThat(sealer.sealOnce()).isEqualTo(35);

        ChainVerification verification = verifyAll();

        assertThat(verification.firstBreak()).isEmpty();
        assertThat(verification.sealedPosition()).isEqualTo(35);
        assertThat(verification.documentsChecked()).isEqualTo(35);
        assertThat(verification.checkpointsChecked()).isEqualTo(4); // 10 + 10 + 10 + 5
        assertThat(checkpoints.latest()).map(Checkpoint::position).contains(35L);
    }

    @Test
    @DisplayName("a second sealer run, or another instance's sealer, writes the same chain")
    void sealersAgree() {
        sealer.sealOnce();
        byte[] chain = checkpoints.latest().orElseThrow().chain();
        ChainSealer otherInstance = new ChainSealer(engine, checkpoints, 0, 7, Duration.ofSeconds(60), Clock.systemUTC());
        append("alice", 35, "credit 36.00 BTC");

        assertThat(otherInstance.sealOnce()).isEqualTo(36);
        assertThat(sealer.sealOnce()).isEqualTo(36);
        byte[] expected = HashChain.next(chain, EventHash.of(events.find(Filters.eq("_id", 36L)).first()));
        assertThat(checkpoints.latest().orElseThrow().chain()).isEqualTo(expected);
        assertThat(verifyAll().firstBreak()).isEmpty();
    }

    @Nested
    @DisplayName("tampering by hand with a sealed log is found at its position")
    class Tampering {

        @BeforeEach
        void sealed() {
            sealer.sealOnce();
        }

        @Test
        @DisplayName("an amount edited in a payload")
        void editedAmount() {
            events.updateOne(Filters.eq("_id", 17L), Updates.set("payload", "\"credit 1700.00 BTC\""));

            assertThat(verifyAll().firstBreak()).hasValueSatisfying(found -> {
                assertThat(found.position()).isEqualTo(17);
                assertThat(found.kind()).isEqualTo(Kind.CHANGED);
            });
        }

        @Test
        @DisplayName("an amount edited with the event's own hash recomputed to match")
        void editedAmountWithRecomputedHash() {
            Document edited = events.find(Filters.eq("_id", 23L)).first();
            edited.put("payload", "\"credit 2300.00 BTC\"");
            edited.put(EventHash.FIELD, HexFormat.of().formatHex(EventHash.of(edited)));
            events.replaceOne(Filters.eq("_id", 23L), edited);

            assertThat(verifyAll().firstBreak()).hasValueSatisfying(found -> {
                assertThat(found.position()).isEqualTo(23);
                assertThat(found.kind()).isEqualTo(Kind.CHANGED);
            });
        }

        @Test
        @DisplayName("an event deleted")
        void deleted() {
            events.deleteOne(Filters.eq("_id", 9L));

            assertThat(verifyAll().firstBreak()).hasValueSatisfying(found -> {
                assertThat(found.position()).isEqualTo(9);
                assertThat(found.kind()).isEqualTo(Kind.DELETED);
            });
        }

        @Test
        @DisplayName("an event inserted above every position ever allocated")
        void insertedAboveTheHead() {
            Document forged = events.find(Filters.eq("_id", 35L)).first();
            forged.put("_id", 36L);
            forged.put("sequenceNumber", 35L);
            forged.put("streamKey", "alice#35");
            forged.put("eventIdentifier", "forged");
            forged.put("operationKey", "event:forged");
            forged.put(EventHash.FIELD, HexFormat.of().formatHex(EventHash.of(forged)));
            events.insertOne(forged);

            assertThat(verifyAll().firstBreak()).hasValueSatisfying(found -> {
                assertThat(found.position()).isEqualTo(36);
                assertThat(found.kind()).isEqualTo(Kind.INSERTED);
            });
        }

        @Test
        @DisplayName("two events swapped between their positions")
        void reordered() {
            Document at12 = events.find(Filters.eq("_id", 12L)).first();
            Document at14 = events.find(Filters.eq("_id", 14L)).first();
            at12.put("_id", 14L);
            at14.put("_id", 12L);
            events.deleteMany(Filters.in("_id", 12L, 14L));
            events.insertOne(at14);
            events.insertOne(at12);

            assertThat(verifyAll().firstBreak()).hasValueSatisfying(found -> {
                assertThat(found.position()).isEqualTo(12);
                assertThat(found.kind()).isEqualTo(Kind.MOVED);
                assertThat(found.detail()).contains("sealed at position 14");
            });
        }

        @Test
        @DisplayName("a field added to an event")
        void fieldAdded() {
            events.updateOne(Filters.eq("_id", 30L), Updates.set("note", "adjusted"));

            assertThat(verifyAll().firstBreak()).hasValueSatisfying(found -> {
                assertThat(found.position()).isEqualTo(30);
                assertThat(found.kind()).isEqualTo(Kind.UNEXPECTED_FIELD);
            });
        }

        @Test
        @DisplayName("a checkpoint rewritten to cover an edit")
        void checkpointRewritten() {
            database.getCollection(Checkpoints.COLLECTION).updateOne(Filters.eq("_id", 20L),
                    Updates.set("chain", new org.bson.types.Binary(new byte[EventHash.BYTES])));

            assertThat(verifyAll().firstBreak()).hasValueSatisfying(found -> {
                assertThat(found.position()).isEqualTo(20);
                assertThat(found.kind()).isEqualTo(Kind.CHECKPOINT_ALTERED);
            });
        }

        @Test
        @DisplayName("an edit before a trusted checkpoint is outside a verification started there, found by one from the genesis")
        void verificationStartsAtACheckpoint() {
            events.updateOne(Filters.eq("_id", 5L), Updates.set("payload", "\"credit 500.00 BTC\""));

            ChainVerification fromCheckpoint = verifier.verify(OptionalLong.of(20));

            assertThat(fromCheckpoint.firstBreak()).isEmpty();
            assertThat(fromCheckpoint.startPosition()).isEqualTo(20);
            assertThat(fromCheckpoint.documentsChecked()).isEqualTo(15);
            assertThat(verifyAll().firstBreak()).map(ChainBreak::position).contains(5L);
            assertThat(verifier.verify(OptionalLong.of(21)).firstBreak()).map(ChainBreak::kind).contains(Kind.CHECKPOINT_MISSING);
        }
    }

    @Nested
    @DisplayName("a position no event took")
    class EmptyPositions {

        @Test
        @DisplayName("a refused append's tombstone is sealed; an event put in its place is found as inserted")
        void eventInPlaceOfATombstone() {
            assertThatThrownBy(() -> append("alice", 3, "a concurrent write")).isInstanceOf(ConcurrencyException.class);
            append("alice", 35, "credit 36.00 BTC");
            assertThat(events.find(Filters.eq("_id", 36L)).first().getBoolean("tombstone")).isTrue();
            assertThat(sealer.sealOnce()).isEqualTo(37);
            assertThat(verifyAll().firstBreak()).isEmpty();

            Document forged = events.find(Filters.eq("_id", 37L)).first();
            forged.put("_id", 36L);
            forged.put("eventIdentifier", "forged");
            forged.put("operationKey", "event:forged");
            forged.put("streamKey", "bob#0");
            forged.put("aggregateIdentifier", "bob");
            forged.put("sequenceNumber", 0L);
            forged.put(EventHash.FIELD, HexFormat.of().formatHex(EventHash.of(forged)));
            events.deleteOne(Filters.eq("_id", 36L));
            events.insertOne(forged);

            assertThat(verifyAll().firstBreak()).hasValueSatisfying(found -> {
                assertThat(found.position()).isEqualTo(36);
                assertThat(found.kind()).isEqualTo(Kind.INSERTED);
            });
        }

        @Test
        @DisplayName("an allocated position still empty holds the chain back until the gap timeout, then is fenced")
        void emptyPositionIsFencedAfterTheGapTimeout() {
            sealer.sealOnce();
            // a writer took position 36 and has not written it (yet)
            database.getCollection("event_counters").updateOne(Filters.eq("_id", "events"), Updates.inc("last", 1L));
            append("alice", 35, "credit 36.00 BTC");
            MutableClock clock = new MutableClock(Instant.parse("2026-12-03T09:00:00Z"));
            ChainSealer waiting = new ChainSealer(engine, checkpoints, 0, PER_CHECKPOINT, Duration.ofSeconds(60), clock);

            assertThat(waiting.sealOnce()).isEqualTo(35);
            clock.now = clock.now.plusSeconds(61);
            assertThat(waiting.sealOnce()).isEqualTo(37);

            assertThat(events.find(Filters.eq("_id", 36L)).first().getBoolean("tombstone")).isTrue();
            assertThat(verifyAll().firstBreak()).isEmpty();
        }
    }

    @Test
    @DisplayName("an event changed before it was sealed is not sealed, and the verifier names it")
    void changedBeforeSealing() {
        events.updateOne(Filters.eq("_id", 4L), Updates.set("payload", "\"credit 400.00 BTC\""));

        assertThat(sealer.sealOnce()).isEqualTo(3);
        assertThat(verifyAll().firstBreak()).hasValueSatisfying(found -> {
            assertThat(found.position()).isEqualTo(4);
            assertThat(found.kind()).isEqualTo(Kind.CHANGED);
        });
    }

    @Test
    @DisplayName("an existing store starts its chain at a given position; what lies below it is outside the chain")
    void chainStartsAtAPosition() {
        ChainSealer fromHere = new ChainSealer(engine, checkpoints, 30, PER_CHECKPOINT, Duration.ofSeconds(60), Clock.systemUTC());
        events.updateOne(Filters.eq("_id", 2L), Updates.unset(EventHash.FIELD)); // an event stored before hashes existed

        assertThat(fromHere.sealOnce()).isEqualTo(35);

        ChainVerification verification = verifyAll();
        assertThat(verification.firstBreak()).isEmpty();
        assertThat(verification.startPosition()).isEqualTo(30);
        assertThat(verification.documentsChecked()).isEqualTo(5);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
