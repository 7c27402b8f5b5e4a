package com.exchange.ledger.api.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service as its own process on the persisted embedded store, driven by concurrent transfers, withdrawals
 * (approved and rejected), trades (completed and cancelled) and swaps, killed with SIGKILL at random moments and
 * started again, over and over. Afterwards every acknowledged request must be reflected, nothing half-applied,
 * every process finished or compensated, the books balanced, and a rebuilt {@code wallets} equal to the live one.
 */
@DisplayName("Crash test: kill -9 at random moments under load, restart, and every promise still holds")
class CrashRestartTest {

    private static final Logger log = LoggerFactory.getLogger(CrashRestartTest.class);
    // issue 6's floor; a longer stress run: ./mvnw verify -pl ledger-api -am -Dtest=CrashRestartTest -Dsurefire.failIfNoSpecifiedTests=false -Dcrash.cycles=50 -Dcrash.operations=50000
    private static final int MIN_CYCLES = Integer.getInteger("crash.cycles", 10);
    private static final int MIN_OPERATIONS = Integer.getInteger("crash.operations", 10_000);
    private static final int MAX_CYCLES = Math.max(25, 2 * MIN_CYCLES);
    private static final int CLIENTS = 8;
    private static final int USERS = Integer.getInteger("crash.users", 8);

    /** One request and what the client saw: a status, or -1 when the process died before answering. */
    record Sent(String kind, String id, String path, String body, int status) {
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    private final Queue<Sent> sent = new ConcurrentLinkedQueue<>();
    private ServiceProcess service;
    private String storeUrl;

    @TempDir
    Path dataDir;

    @AfterEach
    void stopService() {
        if (service != null) {
            service.close();
        }
    }

    private void start() throws Exception {
        service = ServiceProcess.start("--ledger.data-dir=" + dataDir, "--ledger.mongo-url=");
        storeUrl = service.embeddedStoreUrl();
    }

    private JsonNode get(String path) throws Exception {
        return service.get(path);
    }

    /** Sends and records; -1 when the service is gone (the client then stops for this cycle). */
    private int send(String kind, String id, String path, String body) {
        int status = service.status("POST", path, body);
        sent.add(new Sent(kind, id, path, body, status));
        return status;
    }

    private static boolean ok(int status) {
        return status >= 200 && status < 300;
    }

    private void client(int number, AtomicBoolean stop, AtomicInteger counter) {
        SplittableRandom random = new SplittableRandom(number * 7919L + counter.get());
        while (!stop.get()) {
            int n = counter.incrementAndGet();
            String id = "c" + number + "-" + n;
            String user = "u" + random.nextInt(USERS);
            String other = "u" + ((Integer.parseInt(user.substring(1)) + 1 + random.nextInt(USERS - 1)) % USERS);
            int pick = random.nextInt(100);
            int status;
            if (pick < 55) {
                status = send("transfer", "t-" + id, "/api/ledger/transfers", "{\"transfer_id\":\"t-" + id + "\",\"from_user_id\":\"" + user
                        + "\",\"to_user_id\":\"" + other + "\",\"currency\":\"USDT\",\"amount\":\"" + BigDecimal.valueOf(1 + random.nextInt(200), 2).toPlainString()
                        + "\",\"fee\":\"0.01\"}");
            } else if (pick < 70) {
                String wid = "w-" + id;
                status = send("withdrawal", wid, "/api/withdrawals", "{\"withdrawal_id\":\"" + wid + "\",\"user_id\":\"" + user
                        + "\",\"currency\":\"USDT\",\"amount\":\"0.5\",\"fee\":\"0.01\",\"address\":\"TXcrash\"}");
                if (ok(status)) {
                    status = random.nextBoolean()
                            ? send("approve", wid, "/api/withdrawals/" + wid + "/approve", "{\"admin_id\":\"ops\"}")
                            : send("reject", wid, "/api/withdrawals/" + wid + "/reject", "{\"reason\":\"crash test\",\"admin_id\":\"ops\"}");
                }
            } else if (pick < 82) {
                String tid = "p-" + id;
                status = send("trade", tid, "/api/p2p/trades", "{\"trade_id\":\"" + tid + "\",\"seller_id\":\"" + user + "\",\"buyer_id\":\""
                        + other + "\",\"currency\":\"USDT\",\"amount\":\"0.3\",\"fee\":\"0.01\",\"expires_in_seconds\":3600}");
                if (ok(status)) {
                    status = random.nextBoolean()
                            ? send("complete", tid, "/api/p2p/trades/" + tid + "/complete", "{}")
                            : send("cancel", tid, "/api/p2p/trades/" + tid + "/cancel", "{}");
                }
            } else {
                status = send("swap", "s-" + id, "/api/swaps", "{\"swap_id\":\"s-" + id + "\",\"user_id\":\"" + user
                        + "\",\"from_currency\":\"USDT\",\"to_currency\":\"BTC\",\"from_amount\":\"1\",\"rate\":\"0.00001\","
                        + "\"fee_currency\":\"USDT\",\"fee\":\"0.01\"}");
            }
            if (status == -1) {
                return;
            }
        }
    }

    @Test
    @DisplayName("at least 10 kill -9 / restart cycles and 10,000 requests: no acknowledged request lost, nothing half-applied or doubled")
    void killedAtRandomMomentsUnderLoad() throws Exception {
        start();
        for (int u = 0; u < USERS; u++) {
            assertThat(send("credit", "fund-u" + u, "/api/ledger/credits", "{\"operation_id\":\"fund-u" + u + "\",\"user_id\":\"u" + u
                    + "\",\"currency\":\"USDT\",\"amount\":\"1000000\",\"reason\":\"crash test funding\"}")).matches(CrashRestartTest::ok);
        }
        SplittableRandom random = new SplittableRandom(20261125);
        AtomicInteger counter = new AtomicInteger();
        int cycles = 0;
        long began = System.nanoTime();
        while (cycles < MAX_CYCLES && (cycles < MIN_CYCLES || sent.size() < MIN_OPERATIONS)) {
            long cycleStarted = System.nanoTime();
            if (cycles > 0) {
                start();
            }
            long upAt = System.nanoTime();
            int before = sent.size();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int c = 0; c < CLIENTS; c++) {
                int number = c;
                clients.submit(() -> client(number, stop, counter));
            }
            // a random moment: after a random number of this cycle's requests, whatever is in flight then
            int killAt = sent.size() + 700 + random.nextInt(600);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(5)).until(() -> sent.size() >= killAt);
            service.kill();
            stop.set(true);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            cycles++;
            log.info("cycle {}: killed at request {}, {} requests so far; start {} s, {} requests in {} s", cycles, killAt, sent.size(),
                    String.format("%.1f", (upAt - cycleStarted) / 1e9), sent.size() - before, String.format("%.1f", (System.nanoTime() - upAt) / 1e9));
        }
        start();
        verify(cycles, (System.nanoTime() - began) / 1e9);
    }

    private void verify(int cycles, double seconds) throws Exception {
        List<Sent> all = new ArrayList<>(sent);
        long acknowledged = all.stream().filter(Sent::acknowledged).count();
        long unknown = all.stream().filter(s -> s.status() == -1).count();
        log.info("crash test: {} cycles, {} requests ({} acknowledged, {} refused, {} cut off by a kill) in {} s", cycles, all.size(),
                acknowledged, all.size() - acknowledged - unknown, unknown, Math.round(seconds));
        assertThat(cycles).isGreaterThanOrEqualTo(MIN_CYCLES);
        assertThat(all.size()).isGreaterThanOrEqualTo(MIN_OPERATIONS);
        assertThat(all).noneMatch(s -> s.status() >= 500);

        try (MongoClient mongo = MongoClients.create(storeUrl)) {
            MongoDatabase store = mongo.getDatabase("wallet_ledger");
            // every process finished or compensated: no flow left half-way, no money between two wallets. A bound, not a
            // wait: the last instance works through whatever backlog the kills left — 2,097 second legs in 90 s were seen
            // on a loaded machine when each restart still waited out the killed instance's claims (issue 19); a restart
            // now takes them back at once (the store's file names their owner, RestartAfterKillTest)
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(store.getCollection("withdrawals").countDocuments(Filters.eq("status", "requested"))).isZero();
                assertThat(store.getCollection("p2p_trades").countDocuments(Filters.eq("status", "requested"))).isZero();
                assertThat(store.getCollection("swaps").countDocuments(Filters.in("status", "requested", "funded"))).isZero();
                assertThat(get("/api/audit/transfers?state=in_flight")).isEmpty();
                JsonNode reconciliation = get("/api/audit/reconciliation?stuck_after_hours=24");
                assertThat(reconciliation.get("clean").asBoolean()).as(reconciliation.toString()).isTrue();
            });
            Map<String, Integer> history = new HashMap<>();
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                history.clear();
                store.getCollection("wallet_transactions").find().forEach(t -> history.merge(t.getString("type") + " " + t.getString("operation_id"), 1, Integer::sum));
                for (Sent s : all) {
                    if (s.kind().equals("transfer") && s.acknowledged()) {
                        assertThat(history).as("acknowledged transfer %s sent", s.id()).containsEntry("transfer_out " + s.id(), 1);
                    }
                }
            });
            // nothing doubled: each operation appears once per kind of movement
            assertThat(history).allSatisfy((entry, count) -> assertThat(count).as(entry).isEqualTo(1));
            for (Sent s : all) {
                Integer out = history.get("transfer_out " + s.id());
                if (s.kind().equals("transfer") && out != null) {
                    // nothing half-applied: a sent transfer was received or returned, exactly once
                    int settled = history.getOrDefault("transfer_in " + s.id(), 0) + history.getOrDefault("transfer_returned " + s.id(), 0);
                    assertThat(settled).as("transfer %s settled once", s.id()).isEqualTo(1);
                }
                if (!s.acknowledged()) {
                    continue;
                }
                switch (s.kind()) {
                    case "withdrawal" -> assertThat(flow(store, "withdrawals", s.id())).as(s.id()).isIn("pending", "approved", "rejected");
                    case "approve" -> assertThat(flow(store, "withdrawals", s.id())).as(s.id()).isEqualTo("approved");
                    case "reject" -> assertThat(flow(store, "withdrawals", s.id())).as(s.id()).isEqualTo("rejected");
                    case "trade" -> assertThat(flow(store, "p2p_trades", s.id())).as(s.id()).isIn("open", "completed", "cancelled");
                    case "complete" -> assertThat(flow(store, "p2p_trades", s.id())).as(s.id()).isEqualTo("completed");
                    case "cancel" -> assertThat(flow(store, "p2p_trades", s.id())).as(s.id()).isEqualTo("cancelled");
                    case "swap" -> assertThat(flow(store, "swaps", s.id())).as(s.id()).isEqualTo("completed");
                    default -> { }
                }
            }
            // a rebuilt wallets view equals the live one
            Map<String, String> live = wallets(store);
            assertThat(service.status("POST", "/api/admin/projections/wallets/rebuild", null)).matches(CrashRestartTest::ok);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(get("/api/admin/projections/wallets").get("replaying").asBoolean()).isFalse());
            assertThat(wallets(store)).isEqualTo(live);
            assertThat(live).hasSizeGreaterThanOrEqualTo(USERS);
        }
    }

    private static String flow(MongoDatabase store, String collection, String id) {
        Document flow = store.getCollection(collection).find(Filters.eq("_id", id)).first();
        return flow == null ? "missing" : flow.getString("status");
    }

    private static Map<String, String> wallets(MongoDatabase store) {
        Map<String, String> balances = new java.util.TreeMap<>();
        store.getCollection("wallets").find().forEach(w -> balances.put(w.getString("_id"), w.get("available_balance") + "/"
                + w.get("locked_balance") + "/" + w.get("savings_balance") + "/" + w.get("total_balance")));
        return balances;
    }
}
