package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Group commit (ADR 0010): appends that arrive together are written with one allocation, one insert and one durable
 * commit, and each keeps its own outcome.
 */
@ExtendWith(WireMongoExtension.class)
@DisplayName("Group commit")
class GroupCommitTest {

    static final String BLOCKER = "blocker";

    /** One insert the engine sent: its documents, whether ordered, and the thread that sent it. */
    record Insert(List<Document> documents, boolean ordered, Thread thread) {
        long payloadChars() {
            return documents.stream().mapToLong(d -> d.getString("payload").length()).sum();
        }
    }

    /** Holds the insert of the blocker event until released, so the appends behind it queue into one group. */
    static final class WatchedEngine extends MongoEventStorageEngine {
        final CountDownLatch release = new CountDownLatch(1);
        final List<Insert> inserts = new CopyOnWriteArrayList<>();

        WatchedEngine(Builder builder) {
            super(builder);
        }

        @Override
        protected void insert(List<Document> documents, boolean ordered) {
            inserts.add(new Insert(List.copyOf(documents), ordered, Thread.currentThread()));
            if (documents.stream().anyMatch(d -> d.getString("payload").contains(BLOCKER))) {
                try {
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the blocker was never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            super.insert(documents, ordered);
        }

        List<Insert> afterBlocker() {
            List<Insert> after = new ArrayList<>();
            boolean seen = false;
            for (Insert insert : inserts) {
                if (seen) {
                    after.add(insert);
                }
                seen |= insert.documents().stream().anyMatch(d -> d.getString("payload").contains(BLOCKER));
            }
            return after;
        }
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private MongoDatabase database;
    /** How many durable commits the engine asked for, and the highest index stored at the last one. */
    private final AtomicInteger flushes = new AtomicInteger();
    private final AtomicLong durableUpTo = new AtomicLong();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private WatchedEngine engine(MongoDatabase database, int maxEvents, long maxBytes) {
        return engine(database, maxEvents, maxBytes, 1);
    }

    private WatchedEngine engine(MongoDatabase database, int maxEvents, long maxBytes, int writeStages) {
        this.database = database;
        LedgerSerializer serializer = LedgerSerializer.create();
        WatchedEngine engine = new WatchedEngine(MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .operationKeyOf(event -> event.getMetaData().get("op") instanceof String op ? op : null)
                .groupCommit(maxEvents, maxBytes, 0)
                .writeStages(writeStages)
                .afterAppend(() -> {
                    Document top = database.getCollection("events").find().sort(Sorts.descending("_id")).limit(1).first();
                    durableUpTo.set(top == null ? 0 : ((Number) top.get("_id")).longValue());
                    flushes.incrementAndGet();
                }));
        engine.ensureIndexes();
        return engine;
    }

    static DomainEventMessage<?> event(String aggregate, long sequence, String payload, String operationKey) {
        return new GenericDomainEventMessage<>("Account", aggregate, sequence, payload, Map.of("op", operationKey));
    }

    /** Starts the blocker, queues every append behind it, then lets the blocker's group finish. */
    private List<Future<Long>> queuedBehindBlocker(WatchedEngine engine, List<? extends List<? extends EventMessage<?>>> appends) {
        Future<?> blocker = threads.submit(() -> engine.appendEvents(event(BLOCKER, 0, BLOCKER, "blocker-op")));
        await().atMost(Duration.ofSeconds(60)).until(() -> !engine.inserts.isEmpty());
        List<Future<Long>> outcomes = new ArrayList<>();
        for (List<? extends EventMessage<?>> append : appends) {
            int queuedBefore = engine.appendsWaiting();
            outcomes.add(threads.submit(() -> {
                if (append.size() > 1) {
                    engine.appendIndependentEvents(append); // several events are a bulk unit; a command's append is one
                } else {
                    engine.appendEvents(append);
                }
                return durableUpTo.get();
            }));
            // one at a time, so the queue order (and the index order) is the list order
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(60))
                    .until(() -> engine.appendsWaiting() == queuedBefore + 1);
        }
        engine.release.countDown();
        await().atMost(Duration.ofSeconds(60)).until(blocker::isDone);
        return outcomes;
    }

    private static Throwable failureOf(Future<Long> outcome) throws InterruptedException, java.util.concurrent.TimeoutException {
        try {
            outcome.get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private long indexOf(MongoEventStorageEngine engine, String aggregate) {
        return engine.readEvents(aggregate).asStream().map(m -> ((Number) m.getMetaData().get(MongoEventStorageEngine.GLOBAL_INDEX)).longValue())
                .findFirst().orElseThrow();
    }

    @Test
    @DisplayName("one append of 64 clashes on its operation key: only it is refused, its slot tombstoned, the 63 others are "
            + "durable when answered and tracked in order with nothing skipped")
    void oneClashAmongSixtyFour(MongoDatabase freshDatabase) throws Exception {
        WatchedEngine engine = engine(freshDatabase, 128, 4L * 1024 * 1024);
        engine.appendEvents(event("repeat", 0, "the first time", "op:repeat"));
        long before = engine.head();
        List<List<DomainEventMessage<?>>> appends = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            appends.add(i == 31 ? List.of(event("repeat", 1, "the same operation again", "op:repeat"))
                    : List.of(event("account-" + i, 0, "e" + i, "op:" + i)));
        }
        int flushesBefore = flushes.get();

        List<Future<Long>> outcomes = queuedBehindBlocker(engine, appends);

        for (int i = 0; i < 64; i++) {
            Throwable failure = failureOf(outcomes.get(i));
            if (i == 31) {
                assertThat(failure).isInstanceOf(DuplicateOperationKeyException.class);
            } else {
                assertThat(failure).as("append " + i).isNull();
                // acknowledged only once its event is durable
                assertThat(indexOf(engine, "account-" + i)).isLessThanOrEqualTo(outcomes.get(i).get());
            }
        }
        List<Insert> group = engine.afterBlocker();
        assertThat(group).hasSize(1);
        assertThat(group.get(0).documents()).hasSize(64);
        assertThat(group.get(0).ordered()).isFalse();
        assertThat(flushes.get() - flushesBefore).as("one durable commit for the blocker, one for the group of 64").isEqualTo(2);

        long clashed = ((Number) group.get(0).documents().get(31).get("_id")).longValue();
        assertThat(database.getCollection("events").find(Filters.eq("_id", clashed)).first()).containsEntry("tombstone", true);
        assertThat(engine.readEvents("repeat").asStream().map(m -> (Object) m.getPayload())).containsExactly("the first time");

        List<TrackedEventMessage<?>> tracked = engine.readEvents(GapAwareTrackingToken.newInstance(before + 1, List.of()), false)
                .collect(Collectors.toList());
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            if (i != 31) {
                expected.add("e" + i);
            }
        }
        assertThat(tracked).extracting(m -> (Object) m.getPayload()).containsExactlyElementsOf(expected);
        GapAwareTrackingToken last = (GapAwareTrackingToken) tracked.get(tracked.size() - 1).trackingToken();
        assertThat(last.getIndex()).isEqualTo(before + 1 + 64);
        assertThat(last.getGaps()).as("the tombstoned slot is not waited for").isEmpty();
    }

    @Test
    @DisplayName("a concurrency conflict in a group refuses only the append that lost, whether it lost to the store or to "
            + "its own group")
    void concurrencyConflictInAGroup(MongoDatabase freshDatabase) throws Exception {
        WatchedEngine engine = engine(freshDatabase, 128, 4L * 1024 * 1024);
        engine.appendEvents(event("taken", 0, "already there", "op:t0"));
        List<List<DomainEventMessage<?>>> appends = List.of(
                List.of(event("free-1", 0, "f1", "op:f1")),
                List.of(event("taken", 0, "stale", "op:t1")),
                List.of(event("twin", 0, "twin first", "op:w1")),
                List.of(event("twin", 0, "twin second", "op:w2")),
                List.of(event("free-2", 0, "f2", "op:f2")));

        List<Future<Long>> outcomes = queuedBehindBlocker(engine, appends);

        assertThat(failureOf(outcomes.get(0))).isNull();
        assertThat(failureOf(outcomes.get(1))).isInstanceOf(ConcurrencyException.class);
        Throwable first = failureOf(outcomes.get(2));
        Throwable second = failureOf(outcomes.get(3));
        assertThat(first == null ? second : first).as("exactly one twin loses").isInstanceOf(ConcurrencyException.class);
        assertThat(first == null || second == null).isTrue();
        assertThat(failureOf(outcomes.get(4))).isNull();
        assertThat(engine.afterBlocker()).hasSize(1);
        assertThat(engine.readEvents("taken").asStream().map(m -> (Object) m.getPayload())).containsExactly("already there");
        assertThat(engine.readEvents("twin").asStream().count()).isEqualTo(1);
        assertThat(database.getCollection("events").countDocuments(Filters.eq("tombstone", true))).isEqualTo(2);
    }

    @Test
    @DisplayName("with two write stages a group writes while another waits on its round trips; what arrives while both "
            + "are busy queues into one group for the first stage freed, and every index is stored once")
    void twoWriteStages(MongoDatabase db) throws Exception {
        WatchedEngine engine = engine(db, 128, 4L * 1024 * 1024, 2);
        Future<?> blocker = threads.submit(() -> engine.appendEvents(event(BLOCKER, 0, BLOCKER, "blocker-op")));
        await().atMost(Duration.ofSeconds(60)).until(() -> !engine.inserts.isEmpty());

        // the second stage is free: an append arriving now is written at once, by its own thread, though the first hangs
        Future<?> second = threads.submit(() -> engine.appendEvents(event("b", 0, "second", "op-second")));
        second.get(60, TimeUnit.SECONDS);
        assertThat(blocker).as("the first group is still in its write stage").isNotDone();

        // both stages busy: arrivals queue, and the first freed stage writes them as one group
        Future<?> third = threads.submit(() -> engine.appendEvents(event(BLOCKER + "-2", 0, BLOCKER + "-2", "op-third")));
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.inserts.size() == 3);
        List<Future<?>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            int before = engine.appendsWaiting();
            queued.add(threads.submit(() -> engine.appendEvents(event("q" + n, 0, "queued-" + n, "op-q" + n))));
            await().atMost(Duration.ofSeconds(60)).until(() -> engine.appendsWaiting() == before + 1);
        }
        engine.release.countDown();
        for (Future<?> future : queued) {
            future.get(60, TimeUnit.SECONDS);
        }
        blocker.get(60, TimeUnit.SECONDS);
        third.get(60, TimeUnit.SECONDS);

        List<Insert> queuedInserts = engine.inserts.stream()
                .filter(insert -> insert.documents().stream().anyMatch(d -> d.getString("payload").contains("queued-")))
                .toList();
        assertThat(queuedInserts).as("the five queued appends: one insert").hasSize(1);
        assertThat(queuedInserts.get(0).documents()).hasSize(5);
        List<Long> indexes = database.getCollection("events").find().map(d -> ((Number) d.get("_id")).longValue())
                .into(new ArrayList<>());
        assertThat(indexes).as("each of the 8 appends stored once, on its own index").hasSize(8).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("a lone append is written at once by its own thread, as a group of one")
    void loneAppendIsNotDelayed(MongoDatabase freshDatabase) {
        WatchedEngine engine = engine(freshDatabase, 128, 4L * 1024 * 1024);
        engine.appendEvents(event("warm", 0, "warm-up", "op:warm"));
        long[] before = engine.groupCommitCounts();

        // written by the caller's own thread as a group of one (no timing asserted: a loaded CI machine is slow)
        engine.appendEvents(event("alone", 0, "alone", "op:alone"));

        assertThat(engine.inserts.get(engine.inserts.size() - 1).thread()).isSameAs(Thread.currentThread());
        assertThat(engine.groupCommitCounts()[0] - before[0]).isEqualTo(1);
        assertThat(engine.groupCommitCounts()[1] - before[1]).isEqualTo(1);
    }

    @Test
    @DisplayName("a group holds at most the configured number of events")
    void eventsPerGroup(MongoDatabase freshDatabase) throws Exception {
        WatchedEngine engine = engine(freshDatabase, 8, 4L * 1024 * 1024);
        List<List<DomainEventMessage<?>>> appends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            appends.add(List.of(event("limited-" + i, 0, "l" + i, "op:l" + i)));
        }

        for (Future<Long> outcome : queuedBehindBlocker(engine, appends)) {
            assertThat(failureOf(outcome)).isNull();
        }

        assertThat(engine.afterBlocker()).extracting(insert -> insert.documents().size()).containsExactly(8, 8, 4);
    }

    @Test
    @DisplayName("a group holds at most the configured bytes; an append larger than that alone is written on its own, "
            + "and an append of several events is a group of its own")
    void bytesPerGroup(MongoDatabase freshDatabase) throws Exception {
        long maxBytes = 35_000;
        WatchedEngine engine = engine(freshDatabase, 128, maxBytes);
        List<List<DomainEventMessage<?>>> appends = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            appends.add(List.of(event("sized-" + i, 0, "s".repeat(10_000), "op:s" + i)));
        }
        appends.add(List.of(event("huge", 0, "h".repeat(50_000), "op:huge")));
        appends.add(List.of(event("pair", 0, "p0", "op:p0"), event("pair", 1, "p1", "op:p1")));
        appends.add(List.of(event("after", 0, "a", "op:a")));

        for (Future<Long> outcome : queuedBehindBlocker(engine, appends)) {
            assertThat(failureOf(outcome)).isNull();
        }

        List<Insert> groups = engine.afterBlocker();
        assertThat(groups).extracting(insert -> insert.documents().size()).containsExactly(3, 3, 1, 1, 2, 1);
        assertThat(groups.subList(0, 3)).allSatisfy(insert -> assertThat(insert.payloadChars()).isLessThanOrEqualTo(maxBytes));
        assertThat(groups.get(3).payloadChars()).isGreaterThan(maxBytes);
        assertThat(groups.get(4).ordered()).as("a unit of several events keeps its order").isTrue();
        assertThat(engine.readEvents("pair").asStream().map(m -> (Object) m.getPayload())).containsExactly("p0", "p1");
    }

    @Test
    @DisplayName("a bulk append of several events stops at its clash, as before group commit: nothing after it is written, "
            + "and the slots it did not fill are tombstoned")
    void refusedMultiEventAppend(MongoDatabase freshDatabase) {
        WatchedEngine engine = engine(freshDatabase, 128, 4L * 1024 * 1024);
        engine.appendEvents(event("multi", 1, "already at 1", "op:m1"));

        assertThatThrownBy(() -> engine.appendIndependentEvents(List.of(event("multi", 0, "m0", "op:m0"), event("multi", 1, "m1", "op:m1x"),
                event("multi", 2, "m2", "op:m2")))).isInstanceOf(ConcurrencyException.class);

        assertThat(engine.readEvents("multi", 2).asStream().count()).as("nothing written after the clash").isZero();
        assertThat(database.getCollection("events").countDocuments(Filters.eq("tombstone", true))).isEqualTo(2);
    }
}
