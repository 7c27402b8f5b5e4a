package com.exchange.ledger.api.storedevents;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.admin.CatchUp;
import com.exchange.ledger.api.admin.ProjectionRebuilds;
import com.exchange.ledger.core.StoredTypes;
import com.exchange.ledger.core.testing.ExternalStore;
import com.exchange.ledger.projections.audit.ReconciliationReport;
import com.exchange.ledger.projections.audit.Reconciler;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise that a store written by earlier code replays to the same ledger (issue 16; docs/reliability.md): the
 * committed fixture {@code src/test/resources/stored-events} ({@link StoredEventsFixture}) is loaded into a fresh store
 * and the service started on it. Every processor replays it from the first event (the views build, the policies send
 * their commands again, which the operation keys refuse as repeats), and then: every account's balances and every
 * view document equal the ones recorded when the fixture was written, nothing was appended, the reconciliation is
 * clean, and every stored type name is still one the code reads into the type it was written from. Each view rebuilt
 * ({@link ProjectionRebuilds}) comes out the same again.
 * <p>
 * The fixture holds every stored event type: all wallet events (a migrated balance, credits, a debit, the three ends
 * of a hold, savings both ways, a transfer received and one returned), every product flow's events (withdrawals
 * approved, rejected, refused; trades completed, cancelled, expired, refused; swaps; express buys completed and
 * refused; deposits with a review and an old-style credit due), a referral and its commission.
 * <p>
 * <b>Do not regenerate the fixture when a change is meant to keep stored events compatible</b>: it stands for the
 * stores in production, and one rewritten by the changed code would prove nothing. A failure here means the change
 * broke old stores (a renamed type or field, a changed meaning): fix the code, or write an upcaster. Only a new event
 * type is a reason for a new fixture; then write one by {@link StoredEventsFixtureWriter} (its javadoc says how) into a
 * new resource directory beside this one, and keep this one. {@value StoredEventsFixture#VIEWS} alone may be updated
 * when a view's document shape changes on purpose (say so in the commit); {@value StoredEventsFixture#EVENTS} and
 * {@value StoredEventsFixture#BALANCES} never.
 */
@SpringBootTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("A store written before this change replays to the same balances and views")
class StoredEventsReplayTest {

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /** Left running for the JVM: the service polls it until the context closes at exit. */
    static MongoServer store;

    @DynamicPropertySource
    static void storeWithTheFixture(DynamicPropertyRegistry registry) {
        LedgerApplication.quietAxon();
        String url = ExternalStore.url().orElse(null);
        String database = url != null ? ExternalStore.uniqueDatabaseName("ledger-stored-events") : "ledger_stored_events";
        if (url == null) {
            store = new MongoServer(new H2Backend(MVStore.open(null)));
            url = store.bindAndGetConnectionString();
        }
        try (MongoClient client = MongoClients.create(url)) {
            StoredEventsFixture.load(client.getDatabase(database));
        }
        String connection = url;
        registry.add("ledger.mongo-url", () -> connection);
        registry.add("ledger.db-name", () -> database);
    }

    @Autowired
    MongoDatabase ledgerDatabase;
    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    Reconciler reconciler;
    @Autowired
    ProjectionRebuilds rebuilds;

    @Test
    @Order(1)
    @DisplayName("every stored type name in the fixture is known to the code and reads back into the type it names")
    void everyStoredTypeIsKnown() {
        List<String> problems = new ArrayList<>();
        for (Document event : StoredEventsFixture.read(StoredEventsFixture.EVENTS)) {
            String name = event.getString("payloadType");
            if (name == null) {
                continue; // a tombstone: an index no event took
            }
            Class<?> type = StoredTypes.typeNamed(name).orElse(null);
            if (type == null) {
                problems.add(event.get("_id") + ": stored type " + name + " is unknown to the code (StoredTypes: add, never rename)");
                continue;
            }
            try {
                Object payload = engine.getEventSerializer().deserialize(new SimpleSerializedObject<>(event.getString("payload"),
                        String.class, name, event.getString("payloadRevision")));
                if (!type.isInstance(payload)) {
                    problems.add(event.get("_id") + ": " + name + " read as " + payload.getClass().getName() + ", not " + type.getName());
                }
            } catch (RuntimeException unreadable) {
                problems.add(event.get("_id") + ": " + name + " no longer reads: " + unreadable);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    @Order(2)
    @DisplayName("replayed from the first event: the same balances and views, nothing appended, a clean reconciliation")
    void replayGivesTheSameLedger() {
        List<Document> stored = StoredEventsFixture.read(StoredEventsFixture.EVENTS);
        long head = StoredEventsFixture.read(StoredEventsFixture.COUNTERS).get(0).get("last", Number.class).longValue();
        CatchUp.await(processing, List.copyOf(processing.eventProcessors().keySet()), head, PATIENCE, PATIENCE, done -> { });

        assertThat(ledgerDatabase.getCollection("events").countDocuments(Filters.exists("payloadType")))
                .as("the policies' commands on replay are repeats: no event appended")
                .isEqualTo(stored.stream().filter(event -> event.getString("payloadType") != null).count());
        assertThat(differences(StoredEventsFixture.balances(ledgerDatabase), StoredEventsFixture.read(StoredEventsFixture.BALANCES)))
                .as("balances").isEmpty();
        assertThat(differences(StoredEventsFixture.views(ledgerDatabase), StoredEventsFixture.read(StoredEventsFixture.VIEWS)))
                .as("view documents").isEmpty();

        // as of the last stored event: the fixture's open hold is not stuck, however old the fixture gets
        Instant lastEvent = stored.stream().map(event -> event.getString("timestamp")).filter(Objects::nonNull)
                .map(DateTimeUtils::parseInstant).max(Instant::compareTo).orElseThrow();
        ReconciliationReport report = reconciler.run(Duration.ofHours(24), lastEvent.plusSeconds(60));
        assertThat(report.eventsRead()).isPositive();
        assertThat(report.clean()).as(report.toString()).isTrue();
    }

    @Test
    @Order(3)
    @DisplayName("every view rebuilt from the first event, one after the other (flows as one unit of five views): the same documents again")
    void rebuiltViewsAreTheSame() {
        // the last event, not the head: the policies' repeats left tombstones after it, which no token moves onto
        long head = ledgerDatabase.getCollection("events").find(Filters.exists("payloadType")).sort(Sorts.descending("_id"))
                .first().get("_id", Number.class).longValue();
        for (String projection : ProjectionRebuilds.PROJECTIONS) {
            rebuilds.start(projection);
        }
        for (String projection : ProjectionRebuilds.PROJECTIONS) {
            rebuilds.awaitRebuilt(projection, head, PATIENCE, PATIENCE, done -> { });
            assertThat(rebuilds.progress(projection).failure()).as(projection).isNull();
        }
        CatchUp.await(processing, List.copyOf(processing.eventProcessors().keySet()), head, PATIENCE, PATIENCE, done -> { });
        assertThat(differences(StoredEventsFixture.views(ledgerDatabase), StoredEventsFixture.read(StoredEventsFixture.VIEWS)))
                .as("view documents after the rebuilds").isEmpty();
    }

    /** What is missing, extra or different between two lists of documents keyed by their {@code _id} (and collection). */
    private static List<String> differences(List<Document> actual, List<Document> expected) {
        Map<String, Document> byKey = new LinkedHashMap<>();
        expected.forEach(document -> byKey.put(key(document), document));
        List<String> differences = new ArrayList<>();
        for (Document document : actual) {
            Document wanted = byKey.remove(key(document));
            if (wanted == null) {
                differences.add(key(document) + " extra");
            } else if (!wanted.equals(document)) {
                differences.add(key(document) + ": expected " + wanted.toJson() + " but was " + document.toJson());
            }
        }
        byKey.keySet().forEach(key -> differences.add(key + " missing"));
        return differences.size() > 10 ? differences.subList(0, 10) : differences;
    }

    private static String key(Document document) {
        Document inner = document.get("document", Document.class);
        return inner == null ? String.valueOf(document.get("_id")) : document.getString("collection") + "/" + inner.get("_id");
    }
}
