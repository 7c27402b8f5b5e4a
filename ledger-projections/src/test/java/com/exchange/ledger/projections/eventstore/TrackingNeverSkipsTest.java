package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The promise of ADR 0002: a tracking processor never skips an event, even one whose commit is held back for
 * seconds while many other writers commit after it. The held writer is another instance on the same store (within
 * one instance, appends that arrive while a group is written wait for it: ADR 0010).
 */
class TrackingNeverSkipsTest {

    private static final int WRITERS = 8;
    private static final int EVENTS_PER_WRITER = 150;
    private static final String HELD = "held-event";

    private final WireMongo mongo = new WireMongo();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        mongo.close();
    }

    /** Holds the insert of one event until released, after its global index was taken. */
    static final class HoldingEngine extends MongoEventStorageEngine {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicReference<Long> heldIndex = new AtomicReference<>();
        final AtomicReference<Instant> heldSince = new AtomicReference<>();

        HoldingEngine(Builder builder) {
            super(builder);
        }

        @Override
        protected void insert(List<Document> documents, boolean ordered) {
            if (documents.stream().anyMatch(d -> d.getString("payload").contains(HELD))) {
                heldIndex.set(((Number) documents.get(0).get("_id")).longValue());
                heldSince.set(Instant.now());
                try {
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("held insert was never released");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            super.insert(documents, ordered);
        }
    }

    public static final class Recorder {
        final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();

        @EventHandler
        public void on(String payload) {
            seen.computeIfAbsent(payload, p -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Test
    @DisplayName("a commit held back for 3 s while 1,200 others commit is still delivered, and every event exactly once")
    void heldBackCommitIsNotSkipped() throws Exception {
        MongoDatabase database = mongo.freshDatabase();
        LedgerSerializer serializer = LedgerSerializer.create();
        MongoEventStorageEngine.Builder builder = MongoEventStorageEngine.builder().database(database)
                .eventSerializer(serializer).snapshotSerializer(serializer);
        HoldingEngine engine = new HoldingEngine(builder);
        engine.ensureIndexes();
        MongoEventStorageEngine writersEngine = builder.build();
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(writersEngine).build();
        toClose.add(eventStore::shutDown);

        TokenStore tokenStore = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongo.client(), database.getName()).build())
                .serializer(serializer).build();
        Recorder recorder = new Recorder();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("never-skips")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(recorder).build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(50))
                .build();
        processor.start();
        toClose.add(processor::shutDown);

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS + 1);
        toClose.add(writers::shutdownNow);
        // the held writer goes first, so many indexes after its own are committed while it waits
        Future<?> held = writers.submit(() -> engine.appendEvents(new GenericDomainEventMessage<>("T", "held", 0, HELD)));
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.heldIndex.get() != null);
        List<Future<?>> others = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            int w = writer;
            others.add(writers.submit(() -> {
                for (int i = 0; i < EVENTS_PER_WRITER; i++) {
                    eventStore.publish(new GenericDomainEventMessage<>("T", "w" + w, i, "w" + w + "-" + i));
                }
            }));
        }
        for (Future<?> other : others) {
            other.get(60, TimeUnit.SECONDS);
        }
        int others_total = WRITERS * EVENTS_PER_WRITER;

        // the processor passes the held index and handles everything after it...
        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.seen.size() == others_total);
        // ...and 3 seconds into the hold it still has not skipped it, nor seen it
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(Duration.between(engine.heldSince.get(), Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(recorder.seen).doesNotContainKey(HELD);
        });
        assertThat(engine.heldIndex.get()).isLessThan(engine.head());

        engine.release.countDown();
        held.get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> recorder.seen.containsKey(HELD));
        assertThat(recorder.seen).hasSize(others_total + 1);
        assertThat(recorder.seen.values()).allMatch(count -> count.get() == 1);
    }
}
