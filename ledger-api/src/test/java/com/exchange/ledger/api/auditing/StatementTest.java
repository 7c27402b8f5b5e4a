package com.exchange.ledger.api.auditing;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.MediaType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Statements over a random history: credits, refused and accepted debits, holds unlocked and released, transfers
 * both ways with fees, savings moves. Whatever the period, opening + movements = closing, and both ends are the
 * balances the auditors' balance-at-instant endpoint reads independently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementTest extends AuditFixture {

    private static final String ANN = "st-ann";
    private static final String BOB = "st-bob";
    private static final long SEED = Long.getLong("statement.seed", System.nanoTime());

    /** The times of ann's events, in sequence order. */
    private final List<Instant> annEvents = new ArrayList<>();

    @BeforeAll
    void randomHistory() {
        Random random = new Random(SEED);
        credit("st-seed-a", ANN, "BTC", "5");
        credit("st-seed-b", BOB, "BTC", "5");
        List<String> holds = new ArrayList<>();
        int toAnn = 0;
        for (int i = 0; i < 60; i++) {
            String amount = BigDecimal.valueOf(random.nextInt(150_000) + 1, 5).toPlainString();
            switch (random.nextInt(7)) {
                case 0 -> credit("st-c" + i, ANN, "BTC", amount);
                case 1 -> post("/api/ledger/debits", "{\"operation_id\":\"st-d" + i + "\",\"user_id\":\"" + ANN
                        + "\",\"currency\":\"BTC\",\"amount\":\"" + amount + "\"}");
                case 2 -> {
                    if (post("/api/ledger/holds", "{\"hold_id\":\"st-h" + i + "\",\"user_id\":\"" + ANN
                            + "\",\"currency\":\"BTC\",\"amount\":\"" + amount + "\",\"reason\":\"order\"}") == 200) {
                        holds.add("st-h" + i);
                    }
                }
                case 3 -> {
                    if (!holds.isEmpty()) {
                        String hold = holds.remove(random.nextInt(holds.size()));
                        if (random.nextBoolean()) {
                            post("/api/ledger/holds/" + hold + "/unlock", null);
                        } else {
                            post("/api/ledger/holds/" + hold + "/release", "{\"to_user_id\":\"" + BOB + "\"}");
                        }
                    }
                }
                case 4 -> post("/api/ledger/transfers", "{\"transfer_id\":\"st-x" + i + "\",\"from_user_id\":\"" + ANN
                        + "\",\"to_user_id\":\"" + BOB + "\",\"currency\":\"BTC\",\"amount\":\"" + amount + "\",\"fee\":\"0.00001\"}");
                case 5 -> {
                    if (post("/api/ledger/transfers", "{\"transfer_id\":\"st-y" + i + "\",\"from_user_id\":\"" + BOB
                            + "\",\"to_user_id\":\"" + ANN + "\",\"currency\":\"BTC\",\"amount\":\"" + amount + "\"}") == 200) {
                        toAnn++;
                    }
                }
                default -> post("/api/savings/transfers", "{\"operation_id\":\"st-s" + i + "\",\"user_id\":\"" + ANN
                        + "\",\"currency\":\"BTC\",\"amount\":\"" + amount + "\",\"direction\":\""
                        + (random.nextBoolean() ? "to_savings" : "from_savings") + "\"}");
            }
        }
        // a transfer to ann reaches her account after its answer: wait until every one has
        int received = toAnn;
        await().atMost(Duration.ofSeconds(60)).until(() -> events(ANN).stream()
                .filter(e -> e.get("type").asText().equals("wallet.TransferReceived")).count() == received);
        events(ANN).forEach(e -> annEvents.add(Instant.parse(e.get("occurred_at").asText())));
        assertThat(annEvents).as("seed %d", SEED).hasSizeGreaterThan(20);
    }

    private List<JsonNode> events(String user) {
        List<JsonNode> all = new ArrayList<>();
        get(AUDITOR, "/api/audit/accounts/" + user + "/BTC/events?limit=500").get("events").forEach(all::add);
        return all;
    }

    private JsonNode statement(String key, String path, Instant from, Instant to) {
        return get(key, path + "?from=" + from + "&to=" + to);
    }

    private BigDecimal totalAt(Instant at) {
        return new BigDecimal(get(AUDITOR, "/api/audit/accounts/" + ANN + "/BTC/balance?at=" + at).get("total_balance").asText());
    }

    @Test
    @DisplayName("over random periods: opening + movements = closing, each end the balance at that instant, every event of the period once")
    void arithmeticOverRandomPeriods() {
        Random random = new Random(SEED + 1);
        List<Instant> candidates = new ArrayList<>(new TreeSet<>(annEvents));
        int edges = candidates.size();
        for (int i = 0; i < edges; i++) {
            candidates.add(candidates.get(i).minusMillis(1));
            candidates.add(candidates.get(i).plusMillis(1));
        }
        candidates.add(annEvents.get(0).minusSeconds(60));
        candidates.add(annEvents.get(annEvents.size() - 1).plusSeconds(60));
        for (int round = 0; round < 60; round++) {
            Instant a = candidates.get(random.nextInt(candidates.size()));
            Instant b = candidates.get(random.nextInt(candidates.size()));
            Instant from = a.isBefore(b) ? a : b;
            Instant to = a.isBefore(b) ? b : a.plusMillis(1);
            JsonNode statement = statement(AUDITOR, "/api/audit/accounts/" + ANN + "/BTC/statement", from, to);
            String where = "seed " + SEED + ", period " + from + " to " + to;

            BigDecimal opening = new BigDecimal(statement.get("opening_balance").asText());
            BigDecimal running = opening;
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode movement : statement.get("movements")) {
                BigDecimal amount = new BigDecimal(movement.get("amount").asText());
                running = running.add(amount);
                sum = sum.add(amount);
                assertThat(new BigDecimal(movement.get("balance_after").asText())).as(where).isEqualByComparingTo(running);
                assertThat(movement.get("operation_id").asText()).as(where).isNotBlank();
            }
            BigDecimal closing = new BigDecimal(statement.get("closing_balance").asText());
            assertThat(statement.get("balanced").asBoolean()).as(where).isTrue();
            assertThat(opening.add(sum)).as(where).isEqualByComparingTo(closing);
            assertThat(new BigDecimal(statement.get("movements_total").asText())).as(where).isEqualByComparingTo(sum);
            // the balance endpoint counts an event at its instant; the statement's period ends before `to`
            assertThat(closing).as(where).isEqualByComparingTo(totalAt(to.minusMillis(1)));
            assertThat(opening).as(where).isEqualByComparingTo(totalAt(from.minusMillis(1)));
            long inPeriod = annEvents.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
            assertThat(statement.get("movements")).as(where).hasSize((int) inPeriod);
            assertThat(statement.get("movement_count").asLong()).as(where).isEqualTo(inPeriod);
        }
    }

    @Test
    @DisplayName("the user's own statement under ledger:read is the auditors' one; each path needs its own scope")
    void ownStatement() {
        Instant from = annEvents.get(0).minusSeconds(1);
        Instant to = annEvents.get(annEvents.size() - 1).plusSeconds(1);
        JsonNode audited = statement(AUDITOR, "/api/audit/accounts/" + ANN + "/BTC/statement", from, to);
        assertThat(statement(READER, "/api/wallets/statements/" + ANN + "/BTC", from, to)).isEqualTo(audited);
        assertThat(audited.get("movements")).hasSize(annEvents.size());
        assertThat(audited.get("opening_balance").asText()).isEqualTo("0.00000000");
        http.get().uri("/api/audit/accounts/" + ANN + "/BTC/statement?from=" + from + "&to=" + to)
                .header("Authorization", "Bearer " + READER).exchange().expectStatus().isForbidden();
        http.get().uri("/api/wallets/statements/" + ANN + "/BTC?from=" + from + "&to=" + to)
                .header("Authorization", "Bearer " + AUDITOR).exchange().expectStatus().isForbidden();
        // an account without events: a statement of zeros, balanced
        JsonNode empty = statement(READER, "/api/wallets/statements/st-nobody/BTC", from, to);
        assertThat(empty.get("movements")).isEmpty();
        assertThat(empty.get("closing_balance").asText()).isEqualTo("0.00000000");
        assertThat(empty.get("balanced").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("as CSV: a header, the opening row, one row per movement as in the JSON form, the closing row with the check")
    void csv() {
        Instant from = annEvents.get(0).minusSeconds(1);
        Instant to = annEvents.get(annEvents.size() - 1).plusSeconds(1);
        String path = "/api/audit/accounts/" + ANN + "/BTC/statement?from=" + from + "&to=" + to;
        JsonNode json = get(AUDITOR, path);
        var result = http.get().uri(path).header("Authorization", "Bearer " + AUDITOR).accept(MediaType.parseMediaType("text/csv"))
                .exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith("text/csv")
                .expectBody(String.class).returnResult().getResponseBody();
        List<String> rows = List.of(result.split("\n"));
        assertThat(rows.get(0)).isEqualTo("row,sequence,position,occurred_at,type,operation_id,counter_account,amount,balance,balanced");
        assertThat(rows.get(1)).startsWith("opening,").endsWith("," + json.get("opening_balance").asText() + ",");
        assertThat(rows).hasSize(json.get("movements").size() + 3);
        for (int i = 0; i < json.get("movements").size(); i++) {
            JsonNode movement = json.get("movements").get(i);
            String[] cells = rows.get(i + 2).split(",", -1);
            assertThat(cells[0]).isEqualTo("movement");
            assertThat(cells[1]).isEqualTo(movement.get("sequence").asText());
            assertThat(cells[2]).isEqualTo(movement.get("position").asText());
            assertThat(cells[3]).isEqualTo(movement.get("occurred_at").asText());
            assertThat(cells[5]).isEqualTo(movement.get("operation_id").asText());
            assertThat(cells[7]).isEqualTo(movement.get("amount").asText());
            assertThat(cells[8]).isEqualTo(movement.get("balance_after").asText());
        }
        assertThat(rows.get(rows.size() - 1)).isEqualTo("closing,,," + json.get("to").asText() + ",,,," + json.get("movements_total").asText()
                + "," + json.get("closing_balance").asText() + ",true");
        // JSON is what a caller gets without asking, with a wildcard, or when it prefers JSON
        http.get().uri(path).header("Authorization", "Bearer " + AUDITOR).header("Accept", "text/csv;q=0.5, application/json")
                .exchange().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        http.get().uri(path).header("Authorization", "Bearer " + AUDITOR).header("Accept", "*/*")
                .exchange().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
    }

    @Test
    @DisplayName("bad periods, currencies, users and parameters are refused as problem+json, in either form")
    void badInput() {
        String base = "/api/audit/accounts/" + ANN + "/BTC/statement";
        String own = "/api/wallets/statements/" + ANN + "/BTC";
        String fine = "from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";
        for (MediaType accept : List.of(MediaType.APPLICATION_JSON, MediaType.parseMediaType("text/csv"))) {
            refused(AUDITOR, base + "?from=2026-01-01T00:00:00Z", accept, 400, "VALIDATION_FAILED");
            refused(AUDITOR, base + "?from=yesterday&to=2026-02-01T00:00:00Z", accept, 400, "VALIDATION_FAILED");
            refused(AUDITOR, base + "?from=2026-02-01T00:00:00Z&to=2026-02-01T00:00:00Z", accept, 400, "VALIDATION_FAILED");
            refused(AUDITOR, base + "?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z", accept, 400, "VALIDATION_FAILED");
            refused(AUDITOR, base + "?from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z", accept, 400, "VALIDATION_FAILED");
            refused(AUDITOR, base + "?from=" + "9".repeat(500) + "&to=2026-02-01T00:00:00Z", accept, 400, "VALIDATION_FAILED");
            refused(AUDITOR, base + "?" + fine + "&limit=5", accept, 400, "VALIDATION_FAILED");
            refused(AUDITOR, base + "?from=2026-01-01T00:00:00.0001Z&to=2026-02-01T00:00:00Z", accept, 400, "VALIDATION_FAILED");
            refused(AUDITOR, "/api/audit/accounts/" + ANN + "/XYZ/statement?" + fine, accept, 400, "UNKNOWN_CURRENCY");
            refused(AUDITOR, "/api/audit/accounts/system:fees/BTC/statement?" + fine, accept, 400, "VALIDATION_FAILED");
            refused(READER, "/api/wallets/statements/" + "u".repeat(300) + "/BTC?" + fine, accept, 400, "VALIDATION_FAILED");
            refused(READER, own + "?from=2026-01-01&to=2026-02-01", accept, 400, "VALIDATION_FAILED");
        }
        // a year and a day (a leap year) is the longest period
        get(AUDITOR, base + "?from=2024-01-01T00:00:00Z&to=2025-01-01T00:00:00Z");
    }
}
