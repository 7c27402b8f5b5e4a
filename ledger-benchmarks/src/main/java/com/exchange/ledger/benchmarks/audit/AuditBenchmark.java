package com.exchange.ledger.benchmarks.audit;

import com.exchange.ledger.benchmarks.measure.StoreCommands;
import com.exchange.ledger.benchmarks.measure.Suite;
import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.admin.CatchUp;
import com.exchange.ledger.api.security.SecurityConfiguration;
import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.FundsCredited;
import com.exchange.ledger.core.wallet.FundsDebited;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * The auditors' reads at size (issue 17): the proof of liabilities of a currency with N user accounts (the root's
 * build and publication, then one user's proof), and the statement of one account with M movements, as JSON and as
 * CSV, streamed (time to the last byte, and the heap the JVM grows by meanwhile). Each beside a baseline measured in
 * the same run on the same store: for the proof, a raw read of the {@code wallets} documents of the currency (find
 * all, sum the balances), which any build has to do at least; for the statement, a raw read of the account's event
 * documents by their stream keys, as the engine reads them, without decoding, folding or writing.
 * <p>
 * The store is seeded through the event storage engine in batches (as {@link com.exchange.ledger.benchmarks.store.StoreBenchmark} fills it and the
 * migration seeds it), not by N commands over HTTP; the event processors then read every seeded event, so the
 * {@code wallets} view is caught up when the clock starts, as it is in service. A warm-up round in another currency
 * runs first, unreported, so the measured round is not the JIT's first.
 * <p>
 * Run: {@code bin/benchmark-audit [accounts] [movements]}, defaults 100000 and 100000.
 */
public final class AuditBenchmark {

    private static final CurrencyTable CURRENCIES = CurrencyTable.defaults();
    private static final Currency PROOF_CURRENCY = CURRENCIES.require("USDT");
    private static final Currency STATEMENT_CURRENCY = CURRENCIES.require("BTC");
    private static final Currency WARM_UP_CURRENCY = CURRENCIES.require("ETH");
    private static final int FILL_BATCH = 1_000;
    /** The engine reads an aggregate's events in batches of this many (Axon's default), and so does the baseline. */
    private static final int STREAM_BATCH = 100;
    private static final int PROOF_REPEATS = 5;
    /** A statement of many movements takes seconds, long enough for one run to be a figure; small ones are repeated. */
    private static final int LONG_STATEMENT = 20_000;
    private static final int BASELINE_REPEATS = 3;

    /**
     * Counts the commands sent on the threads that serve these reads (both run on Reactor's bounded elastic pool), so
     * the background's own commands (sealer, metrics gauges, token claims) are not charged to them.
     */
    static final class RequestCommands implements CommandListener {
        private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            if (Thread.currentThread().getName().startsWith("boundedElastic")) {
                counts.computeIfAbsent(event.getCommandName(), name -> new LongAdder()).increment();
            }
        }

        Map<String, Long> snapshot() {
            Map<String, Long> copy = new TreeMap<>();
            counts.forEach((name, count) -> copy.put(name, count.sum()));
            return copy;
        }

        /** "3.00 (2.00 find, 1.00 getMore)" per operation since {@code before}. */
        String since(Map<String, Long> before, long operations) {
            Map<String, Long> difference = new TreeMap<>();
            snapshot().forEach((name, count) -> difference.put(name, count - before.getOrDefault(name, 0L)));
            return StoreCommands.Snapshot.perOperation(difference, operations);
        }
    }

    private final ConfigurableApplicationContext ledger;
    private final MongoEventStorageEngine engine;
    private final MongoDatabase database;
    private final RequestCommands requestCommands;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final Map<String, String> rows = new LinkedHashMap<>();

    private AuditBenchmark(ConfigurableApplicationContext ledger, RequestCommands requestCommands) {
        this.ledger = ledger;
        this.engine = ledger.getBean(MongoEventStorageEngine.class);
        this.database = ledger.getBean(MongoDatabase.class);
        this.requestCommands = requestCommands;
        this.base = "http://127.0.0.1:" + ledger.getEnvironment().getProperty("local.server.port");
    }

    public static void main(String[] args) throws Exception {
        int accounts = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000;
        int movements = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 100_000;
        LedgerApplication.quietAxon();
        Path dataDir = Files.createTempDirectory("ledger-audit-bench-");
        RequestCommands requestCommands = new RequestCommands();
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("benchmarkRequestCommands", requestCommands))
                .run("--server.port=0", "--ledger.mongo-url=", "--ledger.data-dir=" + dataDir,
                        "--logging.level.root=WARN", "--logging.level.com.exchange=WARN")) {
            AuditBenchmark benchmark = new AuditBenchmark(ledger, requestCommands);
            Suite.muted = true;
            benchmark.proofs(WARM_UP_CURRENCY, Math.min(accounts, 2_000), "warm");
            benchmark.statements(WARM_UP_CURRENCY, Math.min(movements, 2_000), "warm");
            benchmark.rows.clear();
            Suite.muted = false;
            benchmark.proofs(PROOF_CURRENCY, accounts, "holder");
            benchmark.statements(STATEMENT_CURRENCY, movements, "busy");
            benchmark.print(accounts, movements);
        }
        deleteQuietly(dataDir);
        System.exit(0); // Axon's janitor thread would keep the JVM alive
    }

    // ------------------------------------------------------------------ proof of liabilities

    private void proofs(Currency currency, int accounts, String prefix) throws Exception {
        phase("seeding " + accounts + " " + currency.code() + " accounts");
        Money amount = currency.parse("1");
        long started = System.nanoTime();
        seed(accounts, (batch, from) -> {
            for (long i = from; i < from + batch.capacity(); i++) {
                AccountId account = AccountId.of(prefix + "-" + i, currency.code());
                // balances differ, so the tree's sums are not all equal
                BigDecimal balance = amount.amount().multiply(BigDecimal.valueOf(1 + i % 1_000));
                batch.add(new GenericDomainEventMessage<>("WalletAccount", account.key(), 0,
                        new FundsCredited(account, OperationId.of("seed-" + i), new Money(currency.code(), balance), SystemAccount.MIGRATION,
                                "benchmark", new AccountBalances(balance, zero(balance), zero(balance)))));
            }
        });
        double seedSeconds = seconds(started);
        double caughtUpSeconds = caughtUp();
        rows.put("seed: " + currency.code() + " accounts through the engine", String.format(Locale.ROOT,
                "%,d in %.1f s (%,.0f events/s), processors caught up %.1f s later", accounts, seedSeconds, accounts / seedSeconds, caughtUpSeconds));

        phase("proofs");
        double baseline = best(BASELINE_REPEATS, () -> rawWalletsRead(currency, accounts));
        rows.put("baseline: raw read of the wallets documents of " + currency.code() + " (find all, sum; best of " + BASELINE_REPEATS + ")", millis(baseline));

        Map<String, Long> before = requestCommands.snapshot();
        started = System.nanoTime();
        String root = get("/api/audit/liabilities/" + currency.code(), "application/json").body;
        double rootSeconds = seconds(started);
        String rootCommands = requestCommands.since(before, 1);
        if (!root.contains("\"leaf_count\":" + accounts)) {
            throw new IllegalStateException("the root does not hold " + accounts + " leaves: " + root);
        }
        rows.put("GET /api/audit/liabilities/" + currency.code() + " (build, store leaves, publish)", millis(rootSeconds));
        rows.put("store commands for the root (request's threads)", rootCommands);
        Suite.line("liabilities root (build + publish), " + accounts + " accounts vs raw read of wallets", "ms", rootSeconds * 1000, baseline * 1000);

        String user = prefix + "-" + (accounts / 2);
        List<Double> proofSeconds = new ArrayList<>();
        before = requestCommands.snapshot();
        for (int i = 0; i < PROOF_REPEATS; i++) {
            started = System.nanoTime();
            String proof = get("/api/wallets/liabilities-proof/" + user + "/" + currency.code(), "application/json").body;
            proofSeconds.add(seconds(started));
            if (!proof.contains("\"user_id\":\"" + user + "\"")) {
                throw new IllegalStateException("not the proof of " + user + ": " + proof);
            }
        }
        String proofCommands = requestCommands.since(before, PROOF_REPEATS);
        double proofMedian = median(proofSeconds);
        rows.put("GET /api/wallets/liabilities-proof/{user}/" + currency.code() + " (median of " + PROOF_REPEATS + ")", millis(proofMedian));
        rows.put("store commands per proof (request's threads)", proofCommands);
        Suite.line("liabilities proof of one user, " + accounts + " accounts vs raw read of wallets", "ms", proofMedian * 1000, baseline * 1000);
    }

    /** Reads every wallets document of the currency and sums the totals: the least any build of the tree reads. */
    private double rawWalletsRead(Currency currency, int accounts) {
        long started = System.nanoTime();
        BigDecimal sum = BigDecimal.ZERO;
        long count = 0;
        for (Document wallet : database.getCollection(WalletsProjection.COLLECTION).find(Filters.eq("currency", currency.code()))
                .projection(Projections.include("user_id", "total_balance"))) {
            sum = sum.add(((Decimal128) wallet.get("total_balance")).bigDecimalValue());
            count++;
        }
        double seconds = seconds(started);
        if (count != accounts || sum.signum() <= 0) {
            throw new IllegalStateException("the wallets view holds " + count + " " + currency.code() + " accounts, not " + accounts);
        }
        return seconds;
    }

    // ------------------------------------------------------------------ statements

    private void statements(Currency currency, int movements, String user) throws Exception {
        phase("seeding " + movements + " movements of one " + currency.code() + " account");
        AccountId account = AccountId.of(user, currency.code());
        Money credit = currency.parse("2");
        Money debit = currency.parse("1");
        Instant from = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        long started = System.nanoTime();
        BigDecimal[] balance = {zero(credit.amount())};
        seed(movements, (batch, first) -> {
            for (long sequence = first; sequence < first + batch.capacity(); sequence++) {
                OperationId operation = OperationId.of("move-" + sequence);
                // credits and debits in turn: the statement has movements both ways and a balance that keeps changing
                if (sequence % 2 == 0) {
                    balance[0] = balance[0].add(credit.amount());
                    batch.add(new GenericDomainEventMessage<>("WalletAccount", account.key(), sequence, new FundsCredited(account, operation,
                            credit, SystemAccount.TREASURY, "benchmark", balances(balance[0]))));
                } else {
                    balance[0] = balance[0].subtract(debit.amount());
                    batch.add(new GenericDomainEventMessage<>("WalletAccount", account.key(), sequence, new FundsDebited(account, operation,
                            debit, SystemAccount.TREASURY, "benchmark", balances(balance[0]))));
                }
            }
        });
        double seedSeconds = seconds(started);
        double caughtUpSeconds = caughtUp();
        rows.put("seed: movements of one " + currency.code() + " account through the engine", String.format(Locale.ROOT,
                "%,d in %.1f s (%,.0f events/s), processors caught up %.1f s later", movements, seedSeconds, movements / seedSeconds, caughtUpSeconds));

        int repeats = movements > LONG_STATEMENT ? 1 : 3;
        double baseline = best(repeats == 1 ? 2 : BASELINE_REPEATS, () -> rawStreamRead(account, movements));
        rows.put("baseline: raw read of the account's event documents ($in of " + STREAM_BATCH + " stream keys, best of " + (repeats == 1 ? 2 : BASELINE_REPEATS) + ")", millis(baseline));

        String query = "/api/audit/accounts/" + user + "/" + currency.code() + "/statement?from=" + from + "&to=" + from.plus(Duration.ofDays(1));
        for (String form : List.of("application/json", "text/csv")) {
            phase("statement " + form);
            List<Streamed> runs = new ArrayList<>();
            Map<String, Long> before = requestCommands.snapshot();
            for (int i = 0; i < repeats; i++) {
                Streamed run = streamed(query, form, movements * MID_STREAM_BYTES_PER_MOVEMENT);
                check(run, form, movements);
                runs.add(run);
            }
            String commands = requestCommands.since(before, repeats);
            runs.sort((a, b) -> Double.compare(a.lastByteSeconds, b.lastByteSeconds));
            Streamed median = runs.get(runs.size() / 2);
            String name = form.equals("text/csv") ? "CSV" : "JSON";
            rows.put("statement " + name + ", whole period" + (repeats > 1 ? " (median of " + repeats + ")" : "") + ": first byte / last byte",
                    String.format(Locale.ROOT, "%s / %s, %,.1f MB, %,.0f movements/s", millis(median.firstByteSeconds), millis(median.lastByteSeconds),
                            median.bytes / 1e6, movements / median.lastByteSeconds));
            rows.put("statement " + name + ": heap growth, live mid-stream (after a GC) / peak used (garbage included)",
                    String.format(Locale.ROOT, "%,.0f MB / %,.0f MB%s",
                            runs.stream().mapToLong(r -> r.liveGrowthBytes).max().orElse(0) / 1e6,
                            runs.stream().mapToLong(r -> r.heapGrowthBytes).max().orElse(0) / 1e6, repeats > 1 ? ", largest of " + repeats + " runs" : ""));
            rows.put("store commands per statement " + name + " (request's threads)", commands);
            Suite.line("statement " + name + " of " + movements + " movements vs raw read of its events", "ms", median.lastByteSeconds * 1000, baseline * 1000);
        }
    }

    /** Reads the account's event documents the way the engine does, in batches of stream keys, without decoding them. */
    private double rawStreamRead(AccountId account, int movements) {
        long started = System.nanoTime();
        long count = 0;
        for (long first = 0; first < movements; first += STREAM_BATCH) {
            List<String> keys = new ArrayList<>(STREAM_BATCH);
            for (long sequence = first; sequence < Math.min(movements, first + STREAM_BATCH); sequence++) {
                keys.add(account.key() + "#" + sequence);
            }
            for (Document ignored : database.getCollection("events").find(Filters.in("streamKey", keys))) {
                count++;
            }
        }
        double seconds = seconds(started);
        if (count != movements) {
            throw new IllegalStateException("read " + count + " events of " + account.key() + ", not " + movements);
        }
        return seconds;
    }

    /**
     * Where the heap is collected once during a statement: both forms write more than this per movement (CSV about
     * 100 bytes, JSON about 200), so it falls in the first half of the answer, while the service is still writing it.
     */
    private static final long MID_STREAM_BYTES_PER_MOVEMENT = 50;

    private record Streamed(double firstByteSeconds, double lastByteSeconds, long bytes, long lines, String tail, long heapGrowthBytes,
                            long liveGrowthBytes) {
    }

    /**
     * Sends one request and reads its body as it arrives, sampling the heap in use meanwhile. Once, after
     * {@code midBytes}, it collects the heap: what is still live then, beside what was live before, is what the
     * statement holds in memory while it streams (a statement built in memory would hold every line read so far).
     * The collection's pause is taken off the time to the last byte.
     */
    private Streamed streamed(String path, String accept, long midBytes) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc(); // a benchmark's starting line: what is used before is what survives a collection
        long usedBefore = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(usedBefore);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5); // a sampling interval, not a wait for a result
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = http.send(request(path, accept), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        double firstByte = 0;
        long liveGrowth = 0;
        boolean collected = false;
        long pauseNanos = 0;
        long bytes = 0;
        long lines = 0;
        byte[] buffer = new byte[64 * 1024];
        byte[] tail = new byte[0];
        try (InputStream body = response.body()) {
            for (int n; (n = body.read(buffer)) >= 0; ) {
                if (bytes == 0 && n > 0) {
                    firstByte = seconds(started);
                }
                bytes += n;
                if (!collected && bytes >= midBytes) {
                    collected = true;
                    long pause = System.nanoTime();
                    System.gc();
                    liveGrowth = memory.getHeapMemoryUsage().getUsed() - usedBefore;
                    pauseNanos = System.nanoTime() - pause;
                }
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                    }
                }
                tail = Arrays.copyOfRange(buffer, Math.max(0, n - 256), n);
            }
        }
        double lastByte = seconds(started) - pauseNanos / 1e9;
        sampler.interrupt();
        sampler.join();
        return new Streamed(firstByte, lastByte, bytes, lines, new String(tail, StandardCharsets.UTF_8), peak.get() - usedBefore,
                Math.max(0, liveGrowth));
    }

    /** The whole statement arrived and it balances: opening + movements = closing. */
    private static void check(Streamed run, String form, int movements) {
        boolean whole = form.equals("text/csv")
                ? run.lines == movements + 3 && run.tail.endsWith(",true\n") // header, opening, movements, closing
                : run.tail.contains("\"balanced\":true");
        if (!whole) {
            throw new IllegalStateException("a " + form + " statement that is not whole or does not balance (" + run.lines + " lines): " + run.tail);
        }
    }

    // ------------------------------------------------------------------ seeding and helpers

    /** One batch to fill: {@code capacity} events to add, the first with index {@code from}. */
    private interface Filler {
        void fill(Batch batch, long from);
    }

    private static final class Batch extends ArrayList<DomainEventMessage<?>> {
        private final int capacity;

        Batch(int capacity) {
            super(capacity);
            this.capacity = capacity;
        }

        int capacity() {
            return capacity;
        }
    }

    /** Appends {@code count} events through the engine (its global sequence, unique keys, hash chain) in batches. */
    private void seed(long count, Filler filler) {
        for (long from = 0; from < count; from += FILL_BATCH) {
            Batch batch = new Batch((int) Math.min(FILL_BATCH, count - from));
            filler.fill(batch, from);
            engine.appendIndependentEvents(batch);
        }
    }

    /** Waits until every event processor has read to the head; the seconds it took. */
    private double caughtUp() {
        long started = System.nanoTime();
        EventProcessingConfiguration processing = ledger.getBean(EventProcessingConfiguration.class);
        LongConsumer ignored = position -> { };
        CatchUp.await(processing, processing.eventProcessors().keySet(), engine.head(), Duration.ofMinutes(60), Duration.ofMinutes(1), ignored);
        return seconds(started);
    }

    private record Answer(int status, String body) {
    }

    private Answer get(String path, String accept) throws Exception {
        HttpResponse<String> response = http.send(request(path, accept), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return new Answer(response.statusCode(), response.body());
    }

    private HttpRequest request(String path, String accept) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + SecurityConfiguration.DEVELOPMENT_KEY)
                .header("Accept", accept).timeout(Duration.ofMinutes(30)).GET().build();
    }

    private interface Timed {
        double seconds() throws Exception;
    }

    private static double best(int runs, Timed timed) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            best = Math.min(best, timed.seconds());
        }
        return best;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    private static AccountBalances balances(BigDecimal available) {
        return new AccountBalances(available, zero(available), zero(available));
    }

    private static BigDecimal zero(BigDecimal like) {
        return BigDecimal.ZERO.setScale(like.scale());
    }

    /** Where the run is, for whoever watches the log of a long one. */
    private static void phase(String what) {
        System.out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + what + (Suite.muted ? " (warm-up)" : ""));
    }

    private static String millis(double seconds) {
        return String.format(Locale.ROOT, "%,.1f ms", seconds * 1000);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private void print(int accounts, int movements) {
        int width = rows.keySet().stream().mapToInt(String::length).max().orElse(10) + 2;
        StringBuilder out = new StringBuilder("\n");
        out.append(String.format(Locale.ROOT, "%-" + width + "s| %,d accounts, one account of %,d movements%n", "measure", accounts, movements));
        out.append("-".repeat(width + 60)).append('\n');
        rows.forEach((measure, value) -> out.append(String.format(Locale.ROOT, "%-" + width + "s| %s%n", measure, value)));
        System.out.println(out);
        System.out.printf(Locale.ROOT, "java %s, %d cores, max heap %,d MB%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }

    private static void deleteQuietly(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
