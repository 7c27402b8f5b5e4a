package com.exchange.ledger.benchmarks.http;

import com.exchange.ledger.benchmarks.legacy.LegacyLedger;
import com.exchange.ledger.benchmarks.legacy.LegacyTransferEndpoint;
import com.exchange.ledger.benchmarks.measure.StoreCommands;
import com.exchange.ledger.benchmarks.measure.Suite;
import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.api.admin.CatchUp;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * HTTP transfer throughput and latency at several client counts, beside the legacy in-place design
 * ({@link LegacyLedger}: a conditional {@code $inc} on the sender's balance document, an {@code $inc} on the
 * recipient's and a history insert, no events) measured in the same run on the same embedded store, three ways:
 * behind the same HTTP stack ({@link LegacyTransferEndpoint}, on the service's own server: the baseline a user would
 * pick instead), without HTTP (flattered: no HTTP at all), and without HTTP but with the store file committed after
 * each transfer (the durability the ledger gives an acknowledged command).
 * <p>
 * Each level runs the baselines, then the ledger over HTTP ({@code POST /api/ledger/transfers} among
 * {@link #ACCOUNTS} accounts, a fee on each), for the same time each, and prints the store commands each design
 * sent per transfer beside the times. Run: {@code bin/benchmark-http [levels] [seconds]}, e.g.
 * {@code bin/benchmark-http 1,8,64 20}.
 */
public final class HttpTransferBenchmark {

    static final int ACCOUNTS = 1_000;
    private static final String KEY = "benchmark-key-0123456789";
    private static final Currency USDT = CurrencyTable.defaults().require("USDT");
    private static final Money AMOUNT = USDT.parse("0.01");

    record Result(long operations, long refused, double seconds, long[] latenciesNanos) {
        double perSecond() {
            return operations / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
        }
    }

    interface Operation {
        /** One transfer; false when a rule refused it. */
        boolean run(int client, long sequence) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int[] levels = Arrays.stream((args.length > 0 ? args[0] : "1,8,64").split(",")).mapToInt(Integer::parseInt).toArray();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path data = Files.createTempDirectory("ledger-http-benchmark-");
        LedgerApplication.quietAxon();
        StoreCommands commands = new StoreCommands();
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class, LegacyTransferEndpoint.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("benchmarkStoreCommands", commands))
                .run("--server.port=0",
                "--ledger.data-dir=" + data, "--ledger.mongo-url=", "--ledger.api-keys=" + KEY + "=ledger:write,ledger:read",
                "--logging.level.com.exchange.ledger=warn")) {
            String port = ledger.getEnvironment().getProperty("local.server.port");
            seedLedger(ledger.getBean(WalletCommandGateway.class));
            LegacyLedger legacyLedger = ledger.getBean(LegacyLedger.class);
            legacyLedger.open(IntStream.range(0, ACCOUNTS).mapToObj(HttpTransferBenchmark::account).toList(), USDT.parse("1000000"));

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            String run = Long.toString(System.nanoTime(), 36);
            AtomicLong transferIds = new AtomicLong();
            Operation ledgerTransfer = (client, sequence) -> {
                int[] pair = pair();
                return post(http, port, "/api/ledger/transfers", "{\"transfer_id\":\"b" + run + "-" + transferIds.incrementAndGet()
                        + "\",\"from_user_id\":\"bench" + pair[0] + "\",\"to_user_id\":\"bench" + pair[1]
                        + "\",\"currency\":\"USDT\",\"amount\":\"0.01\",\"fee\":\"0.0001\"}");
            };
            Operation legacyTransfer = (client, sequence) -> {
                int[] pair = pair();
                return legacyLedger.transfer(TransferId.of("l" + run + "-" + transferIds.incrementAndGet()), account(pair[0]), account(pair[1]), AMOUNT);
            };
            Operation legacyHttpTransfer = (client, sequence) -> {
                int[] pair = pair();
                return post(http, port, LegacyTransferEndpoint.PATH, "{\"transfer_id\":\"h" + run + "-" + transferIds.incrementAndGet()
                        + "\",\"from_user_id\":\"bench" + pair[0] + "\",\"to_user_id\":\"bench" + pair[1] + "\",\"currency\":\"USDT\",\"amount\":\"0.01\"}");
            };

            EmbeddedMongo store = ledger.getBean(EmbeddedMongo.class);
            Operation durableLegacyTransfer = (client, sequence) -> {
                boolean done = legacyTransfer.run(client, sequence);
                store.flush(); // the durability the ledger gives an acknowledged command: the store file committed
                return done;
            };

            if (levels.length == 1 && args.length > 2 && "hot".equals(args[2])) {
                hotAccount(http, port, run, levels[0], seconds);
                System.exit(0);
            }
            System.out.println("warming up ...");
            measure(legacyTransfer, 8, 3);
            measure(legacyHttpTransfer, 8, 3);
            measure(ledgerTransfer, 8, 5);
            List<String> rows = new ArrayList<>();
            List<String> roundTrips = new ArrayList<>();
            List<String> detail = new ArrayList<>();
            Counted counted = new Counted(ledger, commands);
            for (int clients : levels) {
                Result legacy = counted.measure(legacyTransfer, clients, seconds);
                StoreCommands.Snapshot legacyCommands = counted.last;
                Result legacyHttp = counted.measure(legacyHttpTransfer, clients, seconds);
                StoreCommands.Snapshot legacyHttpCommands = counted.last;
                Result durable = measure(durableLegacyTransfer, clients, seconds);
                long[] groupsBefore = ledger.getBean(MongoEventStorageEngine.class).groupCommitCounts();
                Result ours = counted.measure(ledgerTransfer, clients, seconds);
                StoreCommands.Snapshot ledgerCommands = counted.last;
                long[] groupsAfter = ledger.getBean(MongoEventStorageEngine.class).groupCommitCounts();
                double appendsPerGroup = (groupsAfter[1] - groupsBefore[1]) / (double) Math.max(1, groupsAfter[0] - groupsBefore[0]);
                long acknowledged = Math.max(1, ours.operations());
                Suite.line("store commands per HTTP transfer vs legacy $inc, " + clients + " clients", "commands",
                        ledgerCommands.total() / (double) acknowledged, legacyCommands.total() / (double) Math.max(1, legacy.operations()));
                Suite.line("store commands per HTTP transfer vs legacy $inc over HTTP, " + clients + " clients", "commands",
                        ledgerCommands.total() / (double) acknowledged, legacyHttpCommands.total() / (double) Math.max(1, legacyHttp.operations()));
                roundTrips.add(String.format(Locale.ROOT, "| %d | %.2f | %s | %s | %.1f | %s | %s | %.1f |", clients,
                        ledgerCommands.total() / (double) acknowledged,
                        StoreCommands.Snapshot.perOperation(ledgerCommands.commandPath(), acknowledged),
                        StoreCommands.Snapshot.perOperation(ledgerCommands.processors(), acknowledged),
                        appendsPerGroup,
                        StoreCommands.Snapshot.perOperation(legacyHttpCommands.commandPath(), Math.max(1, legacyHttp.operations())),
                        StoreCommands.Snapshot.perOperation(legacyCommands.commandPath(), Math.max(1, legacy.operations())),
                        counted.idlePerSecond));
                System.out.println(roundTrips.get(roundTrips.size() - 1));
                detail.add(clients + " clients, by sender (a processor, or a command-path thread's kind), command and collection: "
                        + StoreCommands.Snapshot.perOperation(ledgerCommands.processorDetail(), acknowledged));
                System.out.println(detail.get(detail.size() - 1));
                rows.add(String.format(Locale.ROOT, "| %d | %.0f | %.1f | %.1f | %.0f | %.1f | %.1f | %.0f | %.1f | %.1f | %.0f | %.1f | %.1f | %.2f | %.2f | %.2f |",
                        clients, ours.perSecond(), ours.percentileMillis(0.50), ours.percentileMillis(0.99),
                        legacyHttp.perSecond(), legacyHttp.percentileMillis(0.50), legacyHttp.percentileMillis(0.99),
                        legacy.perSecond(), legacy.percentileMillis(0.50), legacy.percentileMillis(0.99),
                        durable.perSecond(), durable.percentileMillis(0.50), durable.percentileMillis(0.99),
                        ours.perSecond() / legacyHttp.perSecond(), ours.perSecond() / legacy.perSecond(), ours.perSecond() / durable.perSecond()));
                Suite.line("HTTP transfers vs legacy $inc over HTTP, " + clients + " clients", "transfers/s", ours.perSecond(), legacyHttp.perSecond());
                Suite.line("HTTP transfers p99 vs legacy $inc over HTTP p99, " + clients + " clients", "ms", ours.percentileMillis(0.99),
                        legacyHttp.percentileMillis(0.99));
                Suite.line("HTTP transfers vs legacy $inc, " + clients + " clients", "transfers/s", ours.perSecond(), legacy.perSecond());
                Suite.line("HTTP transfers p99 vs legacy $inc p99, " + clients + " clients", "ms", ours.percentileMillis(0.99),
                        legacy.percentileMillis(0.99));
                System.out.println(rows.get(rows.size() - 1) + "   (refused: ledger " + ours.refused() + ", legacy over HTTP "
                        + legacyHttp.refused() + ", legacy " + legacy.refused() + ")");
            }
            System.out.println();
            System.out.println("| clients | ledger HTTP transfers/s | p50 ms | p99 ms | legacy $inc over HTTP transfers/s | p50 ms | p99 ms "
                    + "| legacy $inc transfers/s | p50 ms | p99 ms | legacy + commit transfers/s | p50 ms | p99 ms "
                    + "| ledger / legacy over HTTP | ledger / legacy | ledger / legacy + commit |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            rows.forEach(System.out::println);
            System.out.println();
            System.out.println("store commands per acknowledged transfer (processors caught up, idle polling subtracted):");
            System.out.println("| clients | ledger, all | ledger, command path (HTTP thread, append) | ledger, event processor threads "
                    + "(read models, policy's second legs) | appends per group commit | legacy $inc over HTTP | legacy $inc | idle commands/s |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
            roundTrips.forEach(System.out::println);
            System.out.println();
            detail.forEach(System.out::println);
        }
        System.exit(0); // Axon's janitor thread would keep the JVM alive
    }

    /**
     * Many users paying into one system account at once, beside the same load spread over sixteen system accounts,
     * and, for contrast, the same load on one user's wallet (an aggregate: its commands queue).
     */
    private static void hotAccount(HttpClient http, String port, String run, int clients, int seconds) throws Exception {
        AtomicLong ids = new AtomicLong();
        java.util.function.Function<java.util.function.IntFunction<String>, Operation> debits = counter -> (client, sequence) -> {
            String body = "{\"operation_id\":\"h" + run + "-" + ids.incrementAndGet() + "\",\"user_id\":\"bench" + client
                    + "\",\"currency\":\"USDT\",\"amount\":\"0.01\",\"reason\":\"fee\",\"counter_account\":\"" + counter.apply(client) + "\"}";
            return post(http, port, "/api/ledger/debits", body);
        };
        Operation hotSystem = debits.apply(client -> "system:fees");
        Operation spreadSystem = debits.apply(client -> "system:spread-" + (client % 16));
        Operation hotUser = (client, sequence) -> post(http, port, "/api/ledger/credits", "{\"operation_id\":\"u" + run + "-"
                + ids.incrementAndGet() + "\",\"user_id\":\"hot-user\",\"currency\":\"USDT\",\"amount\":\"0.01\",\"reason\":\"bench\"}");
        System.out.println("warming up ...");
        measure(spreadSystem, clients, 5);
        Result spread = measure(spreadSystem, clients, seconds);
        Result hot = measure(hotSystem, clients, seconds);
        Result user = measure(hotUser, clients, seconds);
        Suite.line("hot system account (system:fees) vs spread over 16, " + clients + " clients", "requests/s", hot.perSecond(),
                spread.perSecond());
        Suite.line("hot user wallet vs spread system accounts, " + clients + " clients", "requests/s", user.perSecond(), spread.perSecond());
        System.out.println();
        System.out.println("| load (" + clients + " clients, " + seconds + " s each) | requests/s | p50 ms | p99 ms | vs spread |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (Map.Entry<String, Result> row : List.of(Map.entry("spread: each user debited to one of 16 system accounts", spread),
                Map.entry("hot: every user debited to system:fees", hot),
                Map.entry("hot user wallet: every client credits one user", user))) {
            Result r = row.getValue();
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f | %.1f | %.2f |%n", row.getKey(), r.perSecond(), r.percentileMillis(0.5),
                    r.percentileMillis(0.99), r.perSecond() / spread.perSecond());
        }
    }

    private static boolean post(HttpClient http, String port, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 422) {
            throw new IllegalStateException("unexpected " + response.statusCode() + ": " + response.body());
        }
        return response.statusCode() == 200;
    }

    private static int[] pair() {
        int from = ThreadLocalRandom.current().nextInt(ACCOUNTS);
        int to = (from + 1 + ThreadLocalRandom.current().nextInt(ACCOUNTS - 1)) % ACCOUNTS;
        return new int[] {from, to};
    }

    private static void seedLedger(WalletCommandGateway wallets) {
        for (int i = 0; i < ACCOUNTS; i++) {
            wallets.send(new CreditAccount(AccountId.of("bench" + i, "USDT"), OperationId.of("bench-seed-" + i), USDT.parse("1000000"),
                    SystemAccount.TREASURY, "benchmark"));
        }
    }

    private static AccountId account(int index) {
        return AccountId.of("bench" + index, USDT.code());
    }

    /**
     * Measures with the store commands counted: first the idle rate (processors polling), then the run, then until
     * every processor has handled every event the run appended; the idle rate is subtracted.
     */
    static final class Counted {
        private final ConfigurableApplicationContext ledger;
        private final StoreCommands commands;
        StoreCommands.Snapshot last;
        double idlePerSecond;
        private StoreCommands.Snapshot idleRate;

        Counted(ConfigurableApplicationContext ledger, StoreCommands commands) {
            this.ledger = ledger;
            this.commands = commands;
        }

        Result measure(Operation operation, int clients, int seconds) throws Exception {
            caughtUp();
            StoreCommands.Snapshot idleStart = commands.snapshot();
            long idleStarted = System.nanoTime();
            Thread.sleep(3_000); // a benchmark's idle window, not a test
            double idleSeconds = (System.nanoTime() - idleStarted) / 1e9;
            idleRate = commands.snapshot().minus(idleStart);
            idlePerSecond = idleRate.total() / idleSeconds;
            StoreCommands.Snapshot before = commands.snapshot();
            long started = System.nanoTime();
            Result result = HttpTransferBenchmark.measure(operation, clients, seconds);
            caughtUp();
            double elapsed = (System.nanoTime() - started) / 1e9;
            last = subtract(commands.snapshot().minus(before), idleRate, elapsed / idleSeconds);
            return result;
        }

        private void caughtUp() {
            EventProcessingConfiguration processing = ledger.getBean(EventProcessingConfiguration.class);
            CatchUp.await(processing, processing.eventProcessors().keySet(), ledger.getBean(MongoEventStorageEngine.class).head(),
                    Duration.ofMinutes(10), Duration.ofMinutes(1), position -> { });
        }

        private static StoreCommands.Snapshot subtract(StoreCommands.Snapshot counts, StoreCommands.Snapshot idle, double times) {
            return new StoreCommands.Snapshot(scaledMinus(counts.commandPath(), idle.commandPath(), times),
                    scaledMinus(counts.processors(), idle.processors(), times),
                    scaledMinus(counts.processorDetail(), idle.processorDetail(), times));
        }

        private static Map<String, Long> scaledMinus(Map<String, Long> counts, Map<String, Long> idle, double times) {
            Map<String, Long> result = new java.util.TreeMap<>();
            counts.forEach((name, count) -> result.put(name, Math.max(0, count - Math.round(idle.getOrDefault(name, 0L) * times))));
            return result;
        }
    }

    private static Result measure(Operation operation, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong refused = new AtomicLong();
        List<Future<long[]>> futures = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                long[] latencies = new long[1024];
                int count = 0;
                for (long sequence = 0; System.nanoTime() < deadline; sequence++) {
                    long begin = System.nanoTime();
                    if (!operation.run(client, sequence)) {
                        refused.incrementAndGet();
                    }
                    if (count == latencies.length) {
                        latencies = Arrays.copyOf(latencies, count * 2);
                    }
                    latencies[count++] = System.nanoTime() - begin;
                }
                return Arrays.copyOf(latencies, count);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> future : futures) {
            all.add(future.get());
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Result(latencies.length - refused.get(), refused.get(), elapsed, latencies);
    }
}
