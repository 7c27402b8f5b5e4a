package com.exchange.ledger.api.operations;

import com.exchange.ledger.api.LedgerApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
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
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}: the service as a process of its own, with the logging a deployment
 * gets (the tests' logback-test.xml left off its class path), logs one JSON object a line; a command's line carries
 * its operation id, account and outcome, and neither the API key nor the IPN secret appears anywhere in the output.
 */
@DisplayName("Structured logs: ECS JSON lines, a command's line with operation id, account and outcome, no key or secret")
class StructuredLogsTest {

    private static final String KEY = "structured-log-key-0123456789";
    private static final String SECRET = "structured-log-ipn-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @DisplayName("one credit: its log line parses as JSON with operation_id, account and outcome, and no key")
    void commandLineIsStructured() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dataDir = Files.createTempDirectory("ledger-structured-");
        Path log = Files.createTempFile("ledger-structured-", ".log");
        // Surefire's own class path is a manifest-only jar; the real one is in this property. Test classes and test
        // jars hold the tests' logback configuration, which would take the place of Spring Boot's.
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                        .split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("-tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", classPath, LedgerApplication.class.getName(),
                "--server.port=" + port, "--ledger.data-dir=" + dataDir, "--ledger.mongo-url=",
                "--ledger.api-keys=" + KEY + "=ledger:write", "--ledger.nowpayments-ipn-secret=" + SECRET,
                "--ledger.reconciliation.interval=0s"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        Process process = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(process.isAlive()).as("the service died at start: %s", Files.readString(log)).isTrue();
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (java.io.IOException notYet) {
                    return false;
                }
            });
            HttpResponse<String> credit = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ledger/credits"))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"operation_id\":\"slog-1\",\"user_id\":\"sam\",\"currency\":\"BTC\","
                            + "\"amount\":\"1\",\"reason\":\"deposit\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(credit.statusCode()).as(credit.body()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Optional<JsonNode> line = commandLine(log, "CreditAccount");
                assertThat(line).as(Files.readString(log)).isPresent();
                JsonNode json = line.get();
                assertThat(json.get("operation_id").asText()).contains("slog-1");
                assertThat(json.get("account").asText()).isEqualTo("sam/BTC");
                assertThat(json.get("outcome").asText()).isEqualTo("accepted");
                assertThat(json.has("@timestamp")).isTrue();
            });
            String output = Files.readString(log);
            assertThat(output).doesNotContain(KEY).doesNotContain(SECRET);
            assertThat(output.lines().filter(l -> l.startsWith("{")).count()).as("JSON lines").isPositive();
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    private static Optional<JsonNode> commandLine(Path log, String commandType) throws Exception {
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("{") && line.contains("\"command\":\"" + commandType + "\"")) {
                return Optional.of(JSON.readTree(line));
            }
        }
        return Optional.empty();
    }
}
