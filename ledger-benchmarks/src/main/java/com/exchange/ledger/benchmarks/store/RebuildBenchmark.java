package com.exchange.ledger.benchmarks.store;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.admin.CatchUp;
import com.exchange.ledger.api.admin.ProjectionRebuilds;
import com.exchange.ledger.benchmarks.measure.Suite;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The rebuild of {@code wallets} alone, without the rest of {@link StoreBenchmark}: one store of the given size (the
 * same filler events, 10,000 accounts), then rounds of the same baseline (a raw read of {@code events}) and the same
 * rebuild ({@link ProjectionRebuilds}, as {@code bin/ledger-admin rebuild wallets}), each pair measured back to back
 * so a shared machine slows both alike. Each round starts once the processor has settled (claimed, caught up), as an
 * operator's rebuild of a running service does. The first round warms the JIT and is not reported.
 * <p>
 * Run: {@code bin/benchmark-rebuild [events, default 100000] [rounds, default 3]}.
 */
public final class RebuildBenchmark {

    private RebuildBenchmark() {
    }

    /**
     * Until the processor has claimed its segment and found no more events: a rebuild is requested of a service that
     * runs, not one second after the last rebuild restarted it (its stop would then wait for the restart to settle,
     * which is the previous round's cost, not this one's).
     */
    private static void awaitSettled(TrackingEventProcessor processor) {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            if (!status.isEmpty() && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp)) {
                return;
            }
            LockSupport.parkNanos(50_000_000L);
        }
        throw new IllegalStateException("the " + processor.getName() + " processor did not settle within 5 minutes");
    }

    public static void main(String[] args) throws Exception {
        LedgerApplication.quietAxon();
        long size = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dataDir = Files.createTempDirectory("ledger-rebuild-bench-");
        List<Double> ratios = new ArrayList<>();
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .run("--server.port=0", "--ledger.mongo-url=", "--ledger.data-dir=" + dataDir,
                        "--logging.level.root=WARN", "--logging.level.com.exchange=WARN")) {
            MongoEventStorageEngine engine = ledger.getBean(MongoEventStorageEngine.class);
            MongoDatabase database = ledger.getBean(MongoDatabase.class);
            ProjectionRebuilds rebuilds = ledger.getBean(ProjectionRebuilds.class);
            long fillStarted = System.nanoTime();
            StoreBenchmark.fill(engine, size);
            System.out.printf("filled %,d events in %.1f s%n", size, StoreBenchmark.seconds(fillStarted));
            StoreBenchmark.awaitProcessorsCaughtUp(ledger, engine.head());
            TrackingEventProcessor processor = CatchUp.processorOf(ledger.getBean(EventProcessingConfiguration.class),
                    WalletsProjection.PROCESSING_GROUP);
            for (int round = 0; round <= rounds; round++) {
                awaitSettled(processor);
                long started = System.nanoTime();
                long documents = StoreBenchmark.rawRead(database);
                double rawSeconds = StoreBenchmark.seconds(started);
                long head = engine.head();
                started = System.nanoTime();
                rebuilds.start(WalletsProjection.PROCESSING_GROUP);
                rebuilds.awaitRebuilt(WalletsProjection.PROCESSING_GROUP, head, Duration.ofHours(2), Duration.ofMinutes(1), position -> { });
                double rebuildSeconds = StoreBenchmark.seconds(started);
                double ratio = (head / rebuildSeconds) / (documents / rawSeconds);
                System.out.printf("round %d%s: raw read %,.0f docs/s (%.2f s), rebuild %,.0f events/s (%.2f s), ratio %.2f%n", round,
                        round == 0 ? " (warm-up)" : "", documents / rawSeconds, rawSeconds, head / rebuildSeconds, rebuildSeconds, ratio);
                if (round > 0) {
                    ratios.add(ratio);
                    Suite.line("rebuild of wallets vs raw read of events, store of " + size + ", round " + round, "events/s",
                            head / rebuildSeconds, documents / rawSeconds);
                }
            }
        }
        StoreBenchmark.deleteQuietly(dataDir);
        ratios.sort(Double::compare);
        System.out.printf("rebuild / raw read, median of %d rounds: %.2f (java %s, %d cores)%n", ratios.size(),
                ratios.get(ratios.size() / 2), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        System.exit(0); // Axon's janitor thread would keep the JVM alive
    }
}
