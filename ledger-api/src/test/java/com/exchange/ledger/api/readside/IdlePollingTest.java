package com.exchange.ledger.api.readside;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.admin.CatchUp;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.bson.BsonValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an idle ledger costs its store: every command the driver sends, counted by a {@link CommandListener}, over a
 * quiet window once the processors have caught up. docs/benchmarks.md records the figure.
 */
@SpringBootTest
@org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient
class IdlePollingTest {

    private static final Logger log = LoggerFactory.getLogger(IdlePollingTest.class);
    static final Duration WINDOW = Duration.ofSeconds(30);

    /** Commands started, by name and collection. */
    static final Map<String, AtomicLong> COMMANDS = new ConcurrentHashMap<>();

    @TestConfiguration
    static class Counting {
        @Bean
        CommandListener countingListener() {
            return new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    BsonValue target = event.getCommand().get(event.getCommandName());
                    String collection = target != null && target.isString() ? target.asString().getValue() : "-";
                    COMMANDS.computeIfAbsent(event.getCommandName() + " " + collection, k -> new AtomicLong()).incrementAndGet();
                }
            };
        }
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        LedgerApplication.quietAxon();
        String dataDir = Files.createTempDirectory("ledger-idle-").toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.mongo-url", () -> "");
        registry.add("server.port", () -> "0");
        // the production sampling interval of the gauges, not the tests' 1 s: the idle figure is the service's own
        registry.add("ledger.metrics.sample-interval", () -> "10s");
    }

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MongoEventStorageEngine engine;

    @Autowired
    org.springframework.test.web.reactive.server.WebTestClient http;

    private void post(String path, String json) {
        http.post().uri(path).header("Authorization", "Bearer " + com.exchange.ledger.api.security.SecurityConfiguration.DEVELOPMENT_KEY)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(json).exchange().expectStatus().isOk();
    }

    private void awaitQuiet(List<String> processors) {
        CatchUp.await(processing, processors, engine.head(), Duration.ofSeconds(120), Duration.ofSeconds(120), done -> { });
    }

    /**
     * Store commands per HTTP transfer, one client, counted from the first request until every processor has handled
     * the transfer's events (the policy's second leg included), idle polling of the same span subtracted: a figure for
     * docs/benchmarks.md. One client makes batches of one or two events, so every processor's token update counts
     * nearly per event; wallet_transactions already writes a batch at once, fewer writes than events.
     */
    @Test
    @DisplayName("store commands per HTTP transfer, one client; wallet_transactions writes fewer times than events are appended")
    void commandsPerTransfer() {
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        List<String> processors = processing.eventProcessors().values().stream().map(EventProcessor::getName).toList();
        int accounts = 20;
        int transfers = 200;
        for (int a = 0; a < accounts; a++) {
            post("/api/ledger/credits", "{\"operation_id\":\"cpt-fund-" + a + "\",\"user_id\":\"cpt-" + a
                    + "\",\"currency\":\"USDT\",\"amount\":\"1000\"}");
        }
        awaitQuiet(processors);
        COMMANDS.clear();
        long started = System.nanoTime();
        for (int t = 0; t < transfers; t++) {
            post("/api/ledger/transfers", "{\"transfer_id\":\"cpt-" + t + "\",\"from_user_id\":\"cpt-" + (t % accounts)
                    + "\",\"to_user_id\":\"cpt-" + ((t + 7) % accounts) + "\",\"currency\":\"USDT\",\"amount\":\"1\",\"fee\":\"0.01\"}");
        }
        awaitQuiet(processors);
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> counted = new TreeMap<>();
        COMMANDS.forEach((name, count) -> counted.put(name, count.get()));
        long total = counted.values().stream().mapToLong(Long::longValue).sum();
        double perTransfer = (total - IDLE_PER_SECOND * seconds) / transfers;
        log.info("transfers: {} in {} s, {} store commands = {} per transfer (idle {}/s subtracted): {}", transfers,
                String.format("%.1f", seconds), total, String.format("%.2f", perTransfer), IDLE_PER_SECOND, counted);
        assertThat(perTransfer).as("store commands per transfer: %s", counted).isPositive();
        assertThat(counted.get("update wallet_transactions")).as("bulk writes of wallet_transactions")
                .isLessThan(counted.get("insert events"));
    }

    /** The idle rate measured by {@link #idleIsCheap()} (docs/benchmarks.md). */
    static final double IDLE_PER_SECOND = 1.6;

    @Test
    @DisplayName("an idle ledger sends at most 2 commands a second to its store")
    void idleIsCheap() {
        List<String> processors = processing.eventProcessors().values().stream().map(EventProcessor::getName).toList();
        CatchUp.await(processing, processors, engine.head(), Duration.ofSeconds(120), Duration.ofSeconds(120), done -> { });
        // let start-up work (claims, first polls) settle before the window opens
        LockSupport.parkNanos(Duration.ofSeconds(10).toNanos());
        COMMANDS.clear();
        long started = System.nanoTime();
        LockSupport.parkNanos(WINDOW.toNanos());
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> counted = new TreeMap<>();
        COMMANDS.forEach((name, count) -> counted.put(name, count.get()));
        long total = counted.values().stream().mapToLong(Long::longValue).sum();
        double perSecond = total / seconds;
        log.info("idle: {} processors, {} store commands in {} s = {} per second: {}", processors.size(), total,
                String.format("%.1f", seconds), String.format("%.2f", perSecond), counted);
        assertThat(perSecond).as("store commands per second while idle: %s", counted).isLessThanOrEqualTo(2.0);
    }
}
