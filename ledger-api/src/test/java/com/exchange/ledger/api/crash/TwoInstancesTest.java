package com.exchange.ledger.api.crash;

import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two service processes against one stand-alone MongoDB-compatible server, commands on the same few accounts
 * through both: concurrent appends to one account resolve by retry, nothing is lost or doubled, and a processor
 * with two segments is split between the instances through the token store.
 */
@DisplayName("Two instances, one store: the same accounts written through both, nothing lost or doubled, work split by segments")
class TwoInstancesTest {

    private static final int USERS = 4;
    private static final int CLIENTS = 8;
    private static final int TRANSFERS_PER_CLIENT = 120;

    record Sent(String id, int status) {
    }

    @Test
    @DisplayName("8 clients, half on each instance, 960 transfers among 4 accounts")
    void sameAccountsThroughBoth() throws Exception {
        try (EmbeddedMongo store = EmbeddedMongo.inMemory(); MongoClient mongo = MongoClients.create(store.connectionString())) {
            String[] shared = {"--ledger.mongo-url=" + store.connectionString(),
                    // the transfer policy in two segments, one thread each: the first instance claims one segment, the
                    // second the other (the views share read-models, one segment, which one of the two holds)
                    "--ledger.processing.processors.transfer-policy.initial-segment-count=2",
                    "--ledger.processing.processors.transfer-policy.thread-count=1"};
            try (ServiceProcess first = ServiceProcess.start(shared); ServiceProcess second = ServiceProcess.start(shared)) {
                for (int u = 0; u < USERS; u++) {
                    assertThat(first.status("POST", "/api/ledger/credits", "{\"operation_id\":\"two-fund-" + u + "\",\"user_id\":\"two" + u
                            + "\",\"currency\":\"USDT\",\"amount\":\"100000\",\"reason\":\"funding\"}")).isEqualTo(200);
                }
                Queue<Sent> sent = new ConcurrentLinkedQueue<>();
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    ServiceProcess through = c % 2 == 0 ? first : second;
                    int client = c;
                    running.add(clients.submit(() -> {
                        SplittableRandom random = new SplittableRandom(client);
                        for (int n = 0; n < TRANSFERS_PER_CLIENT; n++) {
                            int from = random.nextInt(USERS);
                            int to = (from + 1 + random.nextInt(USERS - 1)) % USERS;
                            String id = "two-" + client + "-" + n;
                            sent.add(new Sent(id, through.status("POST", "/api/ledger/transfers", "{\"transfer_id\":\"" + id
                                    + "\",\"from_user_id\":\"two" + from + "\",\"to_user_id\":\"two" + to + "\",\"currency\":\"USDT\",\"amount\":\""
                                    + BigDecimal.valueOf(1 + random.nextInt(500), 2).toPlainString() + "\",\"fee\":\"0.01\"}")));
                        }
                    }));
                }
                for (Future<?> client : running) {
                    client.get();
                }
                clients.shutdown();

                assertThat(sent).hasSize(CLIENTS * TRANSFERS_PER_CLIENT).allSatisfy(s -> assertThat(s.status()).isEqualTo(200));
                MongoDatabase database = mongo.getDatabase("wallet_ledger");
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    for (ServiceProcess instance : List.of(first, second)) {
                        assertThat(instance.get("/api/audit/transfers?state=in_flight")).isEmpty();
                        JsonNode reconciliation = instance.get("/api/audit/reconciliation");
                        assertThat(reconciliation.get("clean").asBoolean()).as(reconciliation.toString()).isTrue();
                    }
                    Map<String, Integer> history = new HashMap<>();
                    database.getCollection("wallet_transactions").find(Filters.regex("operation_id", "^two-"))
                            .forEach(t -> history.merge(t.getString("type") + " " + t.getString("operation_id"), 1, Integer::sum));
                    for (Sent s : sent) {
                        assertThat(history).as(s.id()).containsEntry("transfer_out " + s.id(), 1).containsEntry("transfer_in " + s.id(), 1);
                    }
                    assertThat(history).hasSize(2 * sent.size() + USERS); // the funding credits share the prefix
                });

                Set<String> policyOwners = new HashSet<>();
                for (Document token : database.getCollection("tracking_tokens").find(Filters.eq("processorName", "transfer-policy"))) {
                    policyOwners.add(token.getString("owner"));
                }
                assertThat(policyOwners).as("the two segments of the transfer policy are held by the two instances").hasSize(2)
                        .anyMatch(owner -> owner.startsWith(first.pid() + "@"))
                        .anyMatch(owner -> owner.startsWith(second.pid() + "@"));
            }
        }
    }
}
