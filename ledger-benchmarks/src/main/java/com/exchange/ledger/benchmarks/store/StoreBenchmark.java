package com.exchange.ledger.benchmarks.store;

import com.exchange.ledger.benchmarks.measure.StoreCommands;
import com.exchange.ledger.benchmarks.measure.Suite;
import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.FundsCredited;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.EventProcessingConfiguration;
import com.exchange.ledger.api.admin.CatchUp;
import com.exchange.ledger.api.admin.ProjectionRebuilds;
import com.exchange.ledger.api.security.SecurityConfiguration;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import java.time.Duration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The performance floor of the ledger core: the cost of a command and of a tracking poll must not grow with the
 * size of the store. For each store size (default 10,000 and 1,000,000 events) it starts the service on a fresh
 * persisted embedded store, measures the store's raw insert speed as the baseline, fills the store with events,
 * and measures warm commands, cold account loads and tracking reads, counting the store reads each one needs.
 * <p>
 * Run: {@code bin/benchmark [sizes]}, e.g. {@code bin/benchmark 10000,1000000}.
 */
public final class StoreBenchmark {

    private static final Currency BTC = CurrencyTable.defaults().require("BTC");
    private static final Money ONE_SATOSHI = BTC.parse("0.00000001");
    private static final int WARM_ACCOUNTS = 20;
    private static final int WARM_COMMANDS = 5_000;
    private static final int COLD_ACCOUNTS = 200;
    private static final int EVENTS_PER_COLD_ACCOUNT = 40;
    private static final int FILL_BATCH = 1_000;
    private static final int TRACKING_READ = 20_000;
    private static final int IDLE_POLLS = 200;

    /** Counts the reads the benchmark's own thread sends to the event store (not the event processors' reads). */
    static final class ReadCounter implements CommandListener {
        final AtomicLong finds = new AtomicLong();
        final Thread measured = Thread.currentThread();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            if ("find".equals(event.getCommandName()) && Thread.currentThread() == measured) {
                String collection = event.getCommand().getString("find").getValue();
                if (collection.equals("events") || collection.equals("snapshots")) {
                    finds.incrementAndGet();
                }
            }
        }
    }

    public static void main(String[] args) throws IOException {
        LedgerApplication.quietAxon();
        long[] sizes = Arrays.stream((args.length > 0 ? args[0] : "10000,1000000").split(","))
                .mapToLong(Long::parseLong).toArray();
        Map<Long, Map<String, String>> results = new LinkedHashMap<>();
        Suite.muted = true;
        runAt(COLD_ACCOUNTS * EVENTS_PER_COLD_ACCOUNT + 1_000L); // warm-up round so the first size is not measured on a cold JIT
        Suite.muted = false;
        for (long size : sizes) {
            results.put(size, runAt(size));
        }
        print(results);
        System.exit(0); // Axon's janitor thread would keep the JVM alive
    }

    private static Map<String, String> runAt(long storeSize) throws IOException {
        Path dataDir = Files.createTempDirectory("ledger-bench-");
        ReadCounter reads = new ReadCounter();
        StoreCommands storeCommands = new StoreCommands();
        Map<String, String> row = new LinkedHashMap<>();
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("benchmarkReadCounter", reads);
                    context.getBeanFactory().registerSingleton("benchmarkStoreCommands", storeCommands);
                })
                .run("--server.port=0", "--ledger.mongo-url=", "--ledger.data-dir=" + dataDir,
                        "--logging.level.root=WARN", "--logging.level.com.exchange=WARN")) {
            WalletCommandGateway commands = ledger.getBean(WalletCommandGateway.class);
            MongoEventStorageEngine engine = ledger.getBean(MongoEventStorageEngine.class);
            Cache cache = ledger.getBean("walletAccountCache", Cache.class);
            MongoDatabase database = ledger.getBean(MongoDatabase.class);

            rawInsertBaseline(database.getCollection("benchmark_warmup")); // JIT warm-up, not reported
            row.putAll(rawInsertBaseline(database.getCollection("benchmark_raw")));

            // accounts for the cold-load measurement, at the start of the store
            for (int account = 0; account < COLD_ACCOUNTS; account++) {
                for (int i = 0; i < EVENTS_PER_COLD_ACCOUNT; i++) {
                    commands.send(credit(AccountId.of("cold-" + account, "BTC"), "cold-" + account + "-" + i));
                }
            }
            long fillStarted = System.nanoTime();
            long filled = fill(engine, storeSize - engine.head());
            double fillSeconds = seconds(fillStarted);
            row.put("fill: events appended (batches of 1,000)", String.format("%,d in %.1f s = %,.0f events/s", filled, fillSeconds, filled / fillSeconds));
            row.put("events in the store", String.format("%,d", engine.head()));
            awaitProcessorsCaughtUp(ledger, engine.head());

            // warm commands: every account already in the cache
            List<AccountId> warm = new ArrayList<>();
            for (int i = 0; i < WARM_ACCOUNTS; i++) {
                AccountId account = AccountId.of("warm-" + i, "BTC");
                warm.add(account);
                commands.send(credit(account, "warmup-" + i));
            }
            long readsBefore = reads.finds.get();
            StoreCommands.Snapshot commandsBefore = storeCommands.snapshot();
            long started = System.nanoTime();
            for (int i = 0; i < WARM_COMMANDS; i++) {
                commands.send(credit(warm.get(i % WARM_ACCOUNTS), "warm-op-" + i));
            }
            double warmSeconds = seconds(started);
            Suite.line("warm command (credit) vs raw insertOne, store of " + storeSize, "ops/s", WARM_COMMANDS / warmSeconds, rawInsertOnePerSecond);
            row.put("warm command (credit), 1 thread", String.format("%,.0f commands/s (%.2f ms each)", WARM_COMMANDS / warmSeconds, warmSeconds * 1000 / WARM_COMMANDS));
            row.put("store commands per warm command (its own thread)", StoreCommands.Snapshot.perOperation(
                    storeCommands.snapshot().minus(commandsBefore).commandPath(), WARM_COMMANDS));
            row.put("store reads per warm command", String.format("%.3f", (reads.finds.get() - readsBefore) / (double) WARM_COMMANDS));

            // cold loads: the cache is emptied, each account is rebuilt from its snapshot and the events after it
            cache.removeAll();
            readsBefore = reads.finds.get();
            List<Long> coldNanos = new ArrayList<>();
            for (int account = 0; account < COLD_ACCOUNTS; account++) {
                long t = System.nanoTime();
                AccountBalances after = commands.send(credit(AccountId.of("cold-" + account, "BTC"), "cold-again-" + account));
                coldNanos.add(System.nanoTime() - t);
                if (after.available().compareTo(ONE_SATOSHI.amount().multiply(BigDecimal.valueOf(EVENTS_PER_COLD_ACCOUNT + 1))) != 0) {
                    throw new IllegalStateException("cold account rebuilt wrong: " + after);
                }
            }
            row.put("cold command (load " + EVENTS_PER_COLD_ACCOUNT + "-event account + credit)", percentiles(coldNanos));
            row.put("store reads per cold command", String.format("%.2f", (reads.finds.get() - readsBefore) / (double) COLD_ACCOUNTS));

            // tracking: a catch-up read from the middle of the store, and idle polls at the head
            long head = engine.head();
            TrackingToken middle = GapAwareTrackingToken.newInstance(head / 2, new TreeSet<>());
            started = System.nanoTime();
            long read = engine.readEvents(middle, false).limit(TRACKING_READ).count();
            double readSeconds = seconds(started);
            row.put("tracking read from the middle", String.format("%,.0f events/s (%,d events)", read / readSeconds, read));
            TrackingToken atHead = engine.createHeadToken();
            readsBefore = reads.finds.get();
            started = System.nanoTime();
            for (int i = 0; i < IDLE_POLLS; i++) {
                if (engine.readEvents(atHead, false).findAny().isPresent()) {
                    throw new IllegalStateException("no event expected past the head");
                }
            }
            row.put("idle tracking poll at the head", String.format("%.3f ms, %.1f store reads", seconds(started) * 1000 / IDLE_POLLS,
                    (reads.finds.get() - readsBefore) / (double) IDLE_POLLS));

            // balance queries over HTTP at a fixed rate, as the wallet page would send them
            int port = Integer.parseInt(ledger.getEnvironment().getProperty("local.server.port", "8080"));
            row.put("balance query, " + QUERY_RATE + " requests/s for " + QUERY_SECONDS + " s", balanceQueryLoad(port));

            // rebuild of the wallets view from the whole store, beside the raw speed of reading the store
            started = System.nanoTime();
            long documents = rawRead(database);
            double rawReadSeconds = seconds(started);
            row.put("baseline: raw read of the events collection", String.format("%,.0f docs/s (%,d docs)", documents / rawReadSeconds, documents));
            ProjectionRebuilds rebuilds = ledger.getBean(ProjectionRebuilds.class);
            long rebuildHead = engine.head();
            started = System.nanoTime();
            rebuilds.start(WalletsProjection.PROCESSING_GROUP);
            rebuilds.awaitRebuilt(WalletsProjection.PROCESSING_GROUP, rebuildHead, Duration.ofHours(2), Duration.ofMinutes(1), position -> { });
            double rebuildSeconds = seconds(started);
            Suite.line("rebuild of wallets vs raw read of events, store of " + storeSize, "events/s", rebuildHead / rebuildSeconds,
                    documents / rawReadSeconds);
            row.put("rebuild of wallets from all events", String.format("%,.0f events/s (%,.1f s)", rebuildHead / rebuildSeconds, rebuildSeconds));
        }
        deleteQuietly(dataDir);
        return row;
    }

    /** The baseline of a rebuild: every document of {@code events} through a plain cursor, as read; returns how many. */
    static long rawRead(MongoDatabase database) {
        long documents = 0;
        for (Document ignored : database.getCollection("events").find().batchSize(1_000)) {
            documents++;
        }
        return documents;
    }

    static final int QUERY_RATE = 500;
    static final int QUERY_SECONDS = 20;

    /** Sends GET /api/wallets/balances at a fixed rate (open loop) and reports the latency percentiles. */
    private static String balanceQueryLoad(int port) {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        int total = QUERY_RATE * QUERY_SECONDS;
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>(total));
        AtomicLong failures = new AtomicLong();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(total);
        long interval = 1_000_000_000L / QUERY_RATE;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            String user = i % 3 == 0 ? "warm-" + (i % WARM_ACCOUNTS) : i % 3 == 1 ? "cold-" + (i % COLD_ACCOUNTS) : "filler-" + (i % 10_000);
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/api/wallets/balances/" + user))
                    .header("Authorization", "Bearer " + SecurityConfiguration.DEVELOPMENT_KEY).GET().build();
            long sent = System.nanoTime();
            client.sendAsync(request, java.net.http.HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 200) {
                    failures.incrementAndGet();
                } else {
                    latencies.add(System.nanoTime() - sent);
                }
                done.countDown();
            });
        }
        try {
            done.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = seconds(start);
        return String.format("%s, %,.0f req/s achieved, %d failed", percentiles(new ArrayList<>(latencies)), total / seconds, failures.get());
    }

    /** The raw insertOne rate of the last baseline run, the warm command's yardstick. */
    private static double rawInsertOnePerSecond;

    private static Map<String, String> rawInsertBaseline(MongoCollection<Document> raw) {
        Map<String, String> row = new LinkedHashMap<>();
        String payload = "{\"account\":\"someone/BTC\",\"operationId\":\"op\",\"amount\":{\"currency\":\"BTC\",\"amount\":0.00000001}}";
        int single = 5_000;
        long started = System.nanoTime();
        for (int i = 0; i < single; i++) {
            raw.insertOne(new Document("_id", (long) i).append("streamKey", "raw#" + i).append("payload", payload));
        }
        double singleSeconds = seconds(started);
        int batched = 50_000;
        started = System.nanoTime();
        for (int batch = 0; batch < batched / FILL_BATCH; batch++) {
            List<Document> documents = new ArrayList<>(FILL_BATCH);
            for (int i = 0; i < FILL_BATCH; i++) {
                long id = single + (long) batch * FILL_BATCH + i;
                documents.add(new Document("_id", id).append("streamKey", "raw#" + id).append("payload", payload));
            }
            raw.insertMany(documents);
        }
        double batchedSeconds = seconds(started);
        rawInsertOnePerSecond = single / singleSeconds;
        row.put("baseline: raw insertOne, 1 thread", String.format("%,.0f docs/s", single / singleSeconds));
        row.put("baseline: raw insertMany(1,000)", String.format("%,.0f docs/s", batched / batchedSeconds));
        raw.drop();
        return row;
    }

    /** Appends filler events for 10,000 accounts (100 each), through the engine, in batches. */
    static long fill(MongoEventStorageEngine engine, long count) {
        long written = 0;
        int accounts = 10_000;
        long[] sequence = new long[accounts];
        while (written < count) {
            int n = (int) Math.min(FILL_BATCH, count - written);
            List<DomainEventMessage<?>> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int account = (int) ((written + i) % accounts);
                AccountId id = AccountId.of("filler-" + account, "BTC");
                long seq = sequence[account]++;
                BigDecimal balance = ONE_SATOSHI.amount().multiply(BigDecimal.valueOf(seq + 1));
                batch.add(new GenericDomainEventMessage<>("WalletAccount", id.key(), seq,
                        new FundsCredited(id, OperationId.of("fill-" + seq), ONE_SATOSHI, SystemAccount.MIGRATION, "filler",
                                new AccountBalances(balance, BigDecimal.ZERO, BigDecimal.ZERO))));
            }
            engine.appendIndependentEvents(batch);
            written += n;
        }
        return written;
    }

    /** Measures on a quiet system: every event processor first reads past the filler events. */
    static void awaitProcessorsCaughtUp(ConfigurableApplicationContext ledger, long head) {
        EventProcessingConfiguration processing = ledger.getBean(EventProcessingConfiguration.class);
        CatchUp.await(processing, processing.eventProcessors().keySet(), head, Duration.ofMinutes(60), Duration.ofMinutes(1), position -> { });
    }

    private static CreditAccount credit(AccountId account, String operation) {
        return new CreditAccount(account, OperationId.of(operation), ONE_SATOSHI, SystemAccount.TREASURY, "benchmark");
    }

    private static String percentiles(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(Long::compare);
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        return String.format("mean %.2f ms, p50 %.2f ms, p99 %.2f ms", mean, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.99)) / 1e6);
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void print(Map<Long, Map<String, String>> results) {
        List<Long> sizes = new ArrayList<>(results.keySet());
        List<String> measures = new ArrayList<>(results.get(sizes.get(0)).keySet());
        int width = measures.stream().mapToInt(String::length).max().orElse(10) + 2;
        StringBuilder out = new StringBuilder("\n");
        out.append(String.format("%-" + width + "s", "measure"));
        for (Long size : sizes) {
            out.append(String.format("| %-48s", String.format("store of %,d events", size)));
        }
        out.append('\n').append("-".repeat(width + 50 * sizes.size())).append('\n');
        for (String measure : measures) {
            out.append(String.format("%-" + width + "s", measure));
            for (Long size : sizes) {
                out.append(String.format("| %-48s", results.get(size).getOrDefault(measure, "")));
            }
            out.append('\n');
        }
        System.out.println(out);
        System.out.printf("java %s, %d cores, max heap %,d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    static void deleteQuietly(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
