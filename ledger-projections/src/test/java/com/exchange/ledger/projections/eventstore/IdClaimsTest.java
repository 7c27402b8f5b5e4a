package com.exchange.ledger.projections.eventstore;

import com.exchange.ledger.core.process.IdClaim;
import com.exchange.ledger.core.process.IdClaimTakenException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Id claims written by the append's own group (ADR 0021): a first use of an id costs no round trip of its own, a clash
 * refuses only the append that clashed, and a claim this owner already holds without an outcome lets its append through.
 */
@DisplayName("Id claims in the group commit")
class IdClaimsTest {

    private static final String CLAIMS = MongoEventStorageEngine.ID_CLAIMS_COLLECTION;

    private final WireMongo mongo = new WireMongo();
    private final List<BsonDocument> sent = new CopyOnWriteArrayList<>();
    private final MongoClient listened = mongo.recordingClient(sent);
    private final MongoDatabase database = listened.getDatabase(mongo.freshDatabase().getName());
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void close() {
        threads.shutdownNow();
        listened.close();
        mongo.close();
    }

    private GroupCommitTest.WatchedEngine engine(boolean keepsClaims) {
        LedgerSerializer serializer = LedgerSerializer.create();
        MongoEventStorageEngine.Builder builder = MongoEventStorageEngine.builder()
                .database(database)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .operationKeyOf(event -> event.getMetaData().get("op") instanceof String op ? op : null)
                .groupCommit(128, 4L * 1024 * 1024, 0);
        if (keepsClaims) {
            builder.idClaims(CLAIMS);
        }
        GroupCommitTest.WatchedEngine engine = new GroupCommitTest.WatchedEngine(builder);
        engine.ensureIndexes();
        return engine;
    }

    private static DomainEventMessage<?> claiming(String account, String payload, String claim) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put("op", "op:" + payload);
        if (claim != null) {
            metaData.put(IdClaim.KEY, claim);
            metaData.put(IdClaim.OWNER, account);
        }
        return new GenericDomainEventMessage<>("Account", account, 0, payload, metaData);
    }

    private long commands(String name, String collection) {
        return sent.stream().filter(c -> c.containsKey(name) && c.get(name).isString()
                && c.getString(name).getValue().equals(collection)).count();
    }

    @Test
    @DisplayName("64 appends in one group: their claims cost one insert; a claim held by another account and one that carries "
            + "a recorded refusal refuse only their own appends (nothing of theirs written, no index taken); a claim the same "
            + "account left without an event lets its append through")
    void oneInsertForTheGroupsClaims() throws Exception {
        GroupCommitTest.WatchedEngine engine = engine(true);
        database.getCollection(CLAIMS).insertMany(List.of(
                new Document("_id", "operation:taken").append(MongoEventStorageEngine.ID_CLAIM_OWNER_FIELD, "someone-else"),
                new Document("_id", "operation:refused").append(MongoEventStorageEngine.ID_CLAIM_OWNER_FIELD, "account-20")
                        .append(MongoEventStorageEngine.ID_CLAIM_REFUSED_FIELD, new Document("code", "INSUFFICIENT_FUNDS")),
                new Document("_id", "operation:left-by-a-crash").append(MongoEventStorageEngine.ID_CLAIM_OWNER_FIELD, "account-30")));
        Future<?> blocker = threads.submit(() -> engine.appendEvents(claiming(GroupCommitTest.BLOCKER, GroupCommitTest.BLOCKER, null)));
        await().atMost(Duration.ofSeconds(60)).until(() -> !engine.inserts.isEmpty());
        long headBefore = engine.head();

        List<Future<?>> outcomes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String claim = switch (i) {
                case 10 -> "operation:taken";
                case 20 -> "operation:refused";
                case 30 -> "operation:left-by-a-crash";
                default -> "operation:id-" + i;
            };
            DomainEventMessage<?> event = claiming("account-" + i, "e" + i, claim);
            int queuedBefore = engine.appendsWaiting();
            outcomes.add(threads.submit(() -> engine.appendEvents(event)));
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(60))
                    .until(() -> engine.appendsWaiting() == queuedBefore + 1);
        }
        sent.clear();
        engine.release.countDown();
        await().atMost(Duration.ofSeconds(60)).until(blocker::isDone);

        for (int i = 0; i < 64; i++) {
            Throwable failure = failureOf(outcomes.get(i));
            if (i == 10 || i == 20) {
                assertThat(failure).as("append " + i).isInstanceOf(IdClaimTakenException.class);
                assertThat(engine.readEvents("account-" + i).asStream()).isEmpty();
            } else {
                assertThat(failure).as("append " + i).isNull();
                assertThat(engine.readEvents("account-" + i).asStream().map(m -> (Object) m.getPayload())).containsExactly("e" + i);
            }
        }
        assertThat(((IdClaimTakenException) failureOf(outcomes.get(10))).claim()).isEqualTo("operation:taken");
        assertThat(commands("insert", CLAIMS)).as("the group's claims in one insert").isEqualTo(1);
        assertThat(commands("find", CLAIMS)).as("one read, for the clashes only").isEqualTo(1);
        assertThat(commands("insert", "events")).as("the held blocker's insert, then the group's events in one").isEqualTo(2);
        assertThat(engine.head() - headBefore).as("no index taken by a refused append").isEqualTo(62);
        assertThat(database.getCollection("events").countDocuments(Filters.eq("tombstone", true))).isZero();
        assertThat(database.getCollection(CLAIMS).find(Filters.eq("_id", "operation:id-0")).first())
                .containsEntry(MongoEventStorageEngine.ID_CLAIM_OWNER_FIELD, "account-0");
        assertThat(database.getCollection(CLAIMS).find(Filters.eq("_id", "operation:taken")).first())
                .containsEntry(MongoEventStorageEngine.ID_CLAIM_OWNER_FIELD, "someone-else");
    }

    @Test
    @DisplayName("two appends of one group claim one id for two accounts: exactly one gets it")
    void oneIdTwoAccountsInOneGroup() throws Exception {
        GroupCommitTest.WatchedEngine engine = engine(true);
        Future<?> blocker = threads.submit(() -> engine.appendEvents(claiming(GroupCommitTest.BLOCKER, GroupCommitTest.BLOCKER, null)));
        await().atMost(Duration.ofSeconds(60)).until(() -> !engine.inserts.isEmpty());
        List<Future<?>> outcomes = new ArrayList<>();
        for (String account : List.of("first", "second")) {
            int queuedBefore = engine.appendsWaiting();
            outcomes.add(threads.submit(() -> engine.appendEvents(claiming(account, account, "transfer:t-1"))));
            await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(60))
                    .until(() -> engine.appendsWaiting() == queuedBefore + 1);
        }
        engine.release.countDown();
        await().atMost(Duration.ofSeconds(60)).until(blocker::isDone);

        assertThat(failureOf(outcomes.get(0))).isNull();
        assertThat(failureOf(outcomes.get(1))).isInstanceOf(IdClaimTakenException.class);
        assertThat(engine.readEvents("second").asStream()).isEmpty();
    }

    @Test
    @DisplayName("a claim is refused, and nothing written, when the store keeps no claims or the claim names no owner")
    void claimsThatCannotBeKept() {
        GroupCommitTest.WatchedEngine withoutClaims = engine(false);
        assertThatThrownBy(() -> withoutClaims.appendEvents(claiming("a", "e1", "operation:x")))
                .isInstanceOf(EventStoreException.class).hasMessageContaining("keeps no id claims");

        GroupCommitTest.WatchedEngine withClaims = engine(true);
        DomainEventMessage<?> half = new GenericDomainEventMessage<>("Account", "b", 0, "e2",
                Map.of(IdClaim.KEY, "operation:y"));
        assertThatThrownBy(() -> withClaims.appendEvents(half))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(IdClaim.OWNER);

        assertThat(database.getCollection("events").countDocuments()).isZero();
        assertThat(database.getCollection(CLAIMS).countDocuments()).isZero();
    }

    private static Throwable failureOf(Future<?> outcome) throws Exception {
        try {
            outcome.get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }
}
