package com.exchange.ledger.api.auditing;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed resumed at random points, paged and as server-sent events, while writers append concurrently: the events
 * a consumer collects are each stored event once, in order, the same as one read of the whole stream afterwards.
 */
class FeedTest extends AuditFixture {

    private static final long SEED = Long.getLong("feed.seed", System.nanoTime());
    private static final ParameterizedTypeReference<ServerSentEvent<JsonNode>> SSE = new ParameterizedTypeReference<>() {
    };

    @Autowired
    MongoDatabase ledgerDatabase;

    private final AtomicInteger ids = new AtomicInteger();

    private JsonNode page(long after, int limit) {
        // a page of a thousand events is larger than the test client's default 64 KB
        return http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 << 20)).build()
                .get().uri("/api/audit/events?after=" + after + "&limit=" + limit).header("Authorization", "Bearer " + AUDITOR)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** The whole stream as one consumer that never disconnects reads it, from the start to what is safe now. */
    private List<Long> wholeStream() {
        List<Long> positions = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = page(after, 1000);
            if (page.get("events").isEmpty()) {
                return positions;
            }
            page.get("events").forEach(e -> positions.add(e.get("position").asLong()));
            after = page.get("last_position").asLong();
        }
    }

    /** Credits from four clients at once, so positions are allocated and committed out of order; done when all are. */
    private CompletableFuture<Void> writeConcurrently(String prefix, int count) {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = ids.incrementAndGet();
            sent.add(CompletableFuture.runAsync(() -> credit(prefix + n, prefix + "user" + (n % 5), "USDT", "1." + n), clients));
        }
        clients.shutdown();
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private static void assertOnceInOrder(List<Long> collected, List<Long> whole, String where) {
        for (int i = 1; i < collected.size(); i++) {
            assertThat(collected.get(i)).as("%s: position %d after %d", where, collected.get(i), collected.get(i - 1))
                    .isGreaterThan(collected.get(i - 1));
        }
        assertThat(collected).as(where).isEqualTo(whole);
    }

    @Test
    @DisplayName("paged with random limits and resumed at random positions while writers append: each event once, in order")
    void pagedResumes() throws Exception {
        Random random = new Random(SEED);
        credit("fp-first", "fp-user", "USDT", "1");
        CompletableFuture<Void> writers = writeConcurrently("fp-", 60);
        List<Long> collected = new ArrayList<>();
        long after = 0;
        while (!writers.isDone() || !page(after, 1).get("events").isEmpty()) {
            JsonNode page = page(after, 1 + random.nextInt(7));
            for (JsonNode event : page.get("events")) {
                collected.add(event.get("position").asLong());
                assertThat(event.has("hash")).isTrue();
                assertThat(event.get("type").asText()).isNotBlank();
            }
            // a consumer that resumes from the last position it kept: the page's own answer or its last event
            after = page.get("last_position").asLong();
        }
        writers.get();
        List<Long> whole = wholeStream();
        assertOnceInOrder(collected, whole, "seed " + SEED);

        // resumed at random positions, the rest of the stream follows exactly
        for (int round = 0; round < 10; round++) {
            int cut = random.nextInt(whole.size());
            JsonNode rest = page(whole.get(cut), 1000);
            List<Long> tail = new ArrayList<>();
            rest.get("events").forEach(e -> tail.add(e.get("position").asLong()));
            assertThat(tail).as("seed %d, after %d", SEED, whole.get(cut)).isEqualTo(whole.subList(cut + 1, whole.size()));
        }
    }

    @Test
    @DisplayName("as server-sent events, disconnected and resumed with Last-Event-ID at random points: each event once, in order, new ones as they come")
    void streamResumes() throws Exception {
        Random random = new Random(SEED + 1);
        credit("fs-first", "fs-user", "USDT", "1");
        CompletableFuture<Void> writers = writeConcurrently("fs-", 60);
        writers.get();
        List<Long> whole = wholeStream();
        List<Long> collected = new ArrayList<>();
        String lastEventId = null;
        while (collected.size() < whole.size()) {
            int take = Math.min(1 + random.nextInt(15), whole.size() - collected.size());
            var request = http.get().uri("/api/audit/events").header("Authorization", "Bearer " + AUDITOR).accept(MediaType.TEXT_EVENT_STREAM);
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            List<ServerSentEvent<JsonNode>> events = request.exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()
                    .filter(event -> event.id() != null).take(take).collectList().block(Duration.ofSeconds(60));
            for (ServerSentEvent<JsonNode> event : events) {
                assertThat(event.id()).isEqualTo(event.data().get("position").asText());
                collected.add(event.data().get("position").asLong());
            }
            lastEventId = events.get(events.size() - 1).id();
        }
        assertOnceInOrder(collected, whole, "seed " + SEED);

        // an open stream that has seen everything delivers what is appended next
        var open = http.get().uri("/api/audit/events").header("Authorization", "Bearer " + AUDITOR).header("Last-Event-ID", lastEventId)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()
                .filter(event -> event.id() != null).take(1).next().toFuture();
        credit("fs-late", "fs-user", "USDT", "2");
        JsonNode late = open.get(60, java.util.concurrent.TimeUnit.SECONDS).data();
        assertThat(late.get("position").asLong()).isGreaterThan(Long.parseLong(lastEventId));
        assertThat(late.get("account").asText()).isEqualTo("fs-user/USDT");
    }

    @Test
    @DisplayName("an allocated position not yet committed holds the feed back; its tombstone releases it; a stored hash is served")
    void gapBelowHoldsTheFeedBack() {
        credit("fg-before", "fg-user", "USDT", "1");
        List<Long> before = wholeStream();
        long head = before.get(before.size() - 1);
        // a writer took the next position and has not committed it yet
        ledgerDatabase.getCollection("event_counters").updateOne(Filters.eq("_id", "events"), Updates.inc("last", 1L));
        credit("fg-after", "fg-user", "USDT", "2");
        JsonNode held = page(head, 10);
        assertThat(held.get("events")).as("nothing past an index that may still be committed").isEmpty();
        assertThat(held.get("last_position").asLong()).isEqualTo(head);

        // the writer failed and closed its index, as the engine does
        long gap = head + 1;
        ledgerDatabase.getCollection("events").insertOne(new Document("_id", gap).append("tombstone", true)
                .append("streamKey", "tombstone#" + gap).append("operationKey", "tombstone#" + gap));
        JsonNode released = page(head, 10);
        assertThat(released.get("events")).hasSize(1);
        JsonNode event = released.get("events").get(0);
        assertThat(event.get("position").asLong()).isEqualTo(head + 2);
        assertThat(event.get("account").asText()).isEqualTo("fg-user/USDT");
        assertThat(event.get("type").asText()).isEqualTo("wallet.FundsCredited");
        assertThat(event.get("postings")).hasSize(2);
        assertThat(event.get("postings").get(0).get("account").asText()).isEqualTo("fg-user/USDT");
        assertThat(event.get("postings").get(0).get("amount").asText()).isEqualTo("2.000000");
        assertThat(event.get("hash").asText()).as("the event's own hash (ADR 0013)").matches("[0-9a-f]{64}");

        // a chain hash kept in the stored document is part of the event
        ledgerDatabase.getCollection("events").updateOne(Filters.eq("_id", head + 2), Updates.set("hash", "c0ffee"));
        assertThat(page(head, 10).get("events").get(0).get("hash").asText()).isEqualTo("c0ffee");
    }

    @Test
    @DisplayName("bad positions, limits and parameters are refused as problem+json; the feed needs ledger:audit")
    void badInput() {
        for (String query : List.of("after=-1", "after=abc", "after=99999999999999999999", "after=1.5", "limit=0", "limit=1001",
                "limit=abc", "from=3")) {
            refused(AUDITOR, "/api/audit/events?" + query, MediaType.APPLICATION_JSON, 400, "VALIDATION_FAILED");
        }
        refused(AUDITOR, "/api/audit/events?after=x", MediaType.TEXT_EVENT_STREAM, 400, "VALIDATION_FAILED");
        http.get().uri("/api/audit/events").header("Authorization", "Bearer " + AUDITOR).header("Last-Event-ID", "-5")
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
        http.get().uri("/api/audit/events").header("Authorization", "Bearer " + READER).exchange().expectStatus().isForbidden();
        assertThat(page(0, 1).get("events")).hasSize(1);
    }
}
