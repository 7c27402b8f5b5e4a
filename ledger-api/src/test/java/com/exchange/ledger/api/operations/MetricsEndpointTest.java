package com.exchange.ledger.api.operations;

import com.exchange.ledger.api.LedgerApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/prometheus} after a few commands: closed without an operations scope, and every metric the
 * README lists and the Grafana dashboard queries is there, commands counted by type and outcome.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
// a Spring Boot test turns metrics export off unless asked: this one is about the export
@AutoConfigureObservability(tracing = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Metrics: /actuator/prometheus behind a scope, with every metric the README and the dashboard name")
class MetricsEndpointTest {

    static final String WRITER = "metrics-writer-key-0123456789";
    static final String AUDITOR = "metrics-auditor-key-0123456789";
    /** A metric name directly before a selector: how the dashboard writes every one it queries. */
    private static final Pattern SELECTED = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");
    private static final Pattern LISTED = Pattern.compile("`(ledger_[a-z0-9_]+)`");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        LedgerApplication.quietAxon();
        String dataDir = Files.createTempDirectory("ledger-metrics-").toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.mongo-url", () -> "");
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write,ledger:read;" + AUDITOR + "=ledger:audit");
    }

    @Autowired
    WebTestClient http;
    @Autowired
    ScheduledReconciliation reconciliation;

    private int post(String path, String json) {
        return http.post().uri(path).header("Authorization", "Bearer " + WRITER).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange().returnResult(String.class).getStatus().value();
    }

    @BeforeAll
    void aFewCommands() {
        assertThat(post("/api/ledger/credits", "{\"operation_id\":\"m-1\",\"user_id\":\"mia\",\"currency\":\"BTC\",\"amount\":\"2\",\"reason\":\"deposit\"}")).isEqualTo(200);
        assertThat(post("/api/ledger/credits", "{\"operation_id\":\"m-1\",\"user_id\":\"mia\",\"currency\":\"BTC\",\"amount\":\"3\",\"reason\":\"deposit\"}")).isEqualTo(409);
        assertThat(post("/api/ledger/debits", "{\"operation_id\":\"m-2\",\"user_id\":\"mia\",\"currency\":\"BTC\",\"amount\":\"5\",\"reason\":\"fee\"}")).isEqualTo(422);
        assertThat(post("/api/ledger/holds", "{\"hold_id\":\"m-h1\",\"user_id\":\"mia\",\"currency\":\"BTC\",\"amount\":\"0.5\"}")).isEqualTo(200);
        assertThat(post("/api/ledger/transfers", "{\"transfer_id\":\"m-t1\",\"from_user_id\":\"mia\",\"to_user_id\":\"max\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"fee\":\"0\"}")).isEqualTo(200);
    }

    @LocalServerPort
    int port;

    /** Over a plain client: the exposition is larger than the web client's 64 KB codec limit (the service's own). */
    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + AUDITOR).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }


    /** The series' names and the families' (a histogram's {@code # TYPE} name has no series of its own). */
    private static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        exposition.lines().filter(line -> line.startsWith("# TYPE ")).forEach(line -> names.add(line.split(" ")[2]));
        return names;
    }

    @Test
    @DisplayName("without a key 401, with a key lacking ledger:audit or ledger:admin 403")
    void closedToTheWorld() {
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + WRITER).exchange().expectStatus().isForbidden();
    }

    @Test
    @DisplayName("commands by type and outcome: accepted, refused with the rule's code, conflict; with latency buckets")
    void commandsByOutcome() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(reconciliation.run().clean()).isTrue();
            String body = scrape();
            assertThat(body).containsPattern("ledger_commands_seconds_count\\{[^}]*command=\"CreditAccount\"[^}]*outcome=\"accepted\"[^}]*} [1-9]")
                    .containsPattern("ledger_commands_seconds_count\\{[^}]*code=\"INSUFFICIENT_FUNDS\"[^}]*command=\"DebitAccount\"[^}]*outcome=\"refused\"")
                    .containsPattern("ledger_commands_seconds_count\\{[^}]*command=\"CreditAccount\"[^}]*outcome=\"conflict\"")
                    .containsPattern("ledger_commands_seconds_bucket\\{[^}]*command=\"LockFunds\"")
                    .containsPattern("ledger_appends_seconds_count\\{[^}]*outcome=\"stored\"[^}]*} [1-9]")
                    .containsPattern("ledger_holds_open\\{[^}]*age=\"lt_1h\"[^}]*} 1")
                    .containsPattern("ledger_reconciliation_clean\\{[^}]*} 1")
                    .containsPattern("ledger_reconciliation_last_run_seconds\\{[^}]*} [1-9]")
                    .containsPattern("ledger_processor_lag_events\\{[^}]*processor=\"read-models\"");
        });
    }

    @Test
    @DisplayName("every metric the README lists and every metric the Grafana dashboard queries is exported")
    void readmeAndDashboardMatchTheExport() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String readme = Files.readString(root.resolve("README.md"));
        int section = readme.indexOf("## Metrics");
        assertThat(section).as("the README has a Metrics section").isNotNegative();
        int end = readme.indexOf("\n## ", section + 3);
        Set<String> listed = new TreeSet<>();
        Matcher inReadme = LISTED.matcher(readme.substring(section, end < 0 ? readme.length() : end));
        while (inReadme.find()) {
            listed.add(inReadme.group(1));
        }
        assertThat(listed).as("the README lists the ledger's metrics").hasSizeGreaterThan(10);

        Set<String> queried = new TreeSet<>();
        JsonNode dashboard = new ObjectMapper().readTree(root.resolve("deploy/grafana/dashboards/ledger.json").toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String expr = target.get("expr").asText();
                Matcher selected = SELECTED.matcher(expr);
                int found = 0;
                while (selected.find()) {
                    queried.add(selected.group(1));
                    found++;
                }
                assertThat(found).as("every query names its metrics with a selector: %s", expr).isPositive();
            }
        }
        assertThat(queried).as("the dashboard's metrics").isNotEmpty();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Set<String> exported = names(scrape());
            assertThat(exported).as("exported").containsAll(listed).containsAll(queried);
        });
    }
}
