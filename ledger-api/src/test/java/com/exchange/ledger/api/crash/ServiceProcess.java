package com.exchange.ledger.api.crash;

import com.exchange.ledger.api.LedgerApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The service as an operating-system process of its own (what a deployment runs), and HTTP calls to it. */
final class ServiceProcess implements AutoCloseable {

    static final String KEY = "process-test-key-0123456789";
    private static final Pattern STORE_URL = Pattern.compile("embedded MongoDB-compatible store on (mongodb://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final int port;
    private final Path logFile;

    private ServiceProcess(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /** Starts the service with these extra Spring arguments and waits until its health is UP. */
    static ServiceProcess start(String... arguments) throws Exception {
        int port = freePort();
        Path logFile = Files.createTempFile("ledger-service-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only: a process here lives well under a minute, and on two cores C2 compiled for ~35 s of CPU in each
        // 45 s life of the crash test's service (JFR), slowing the test to 496 s; with C1 it runs in 272 s.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-XX:TieredStopAtLevel=1"));
        // more JVM options for the service under test, e.g. -Dservice.jvm-args="-XX:StartFlightRecording=settings=profile"
        String extra = System.getProperty("service.jvm-args", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LedgerApplication.class.getName(), "--server.port=" + port,
                "--ledger.api-keys=" + KEY + "=ledger:write,ledger:read,ledger:admin,ledger:audit",
                "--ledger.nowpayments-ipn-secret=process-test-secret", "--ledger.flows.recovery-grace=2s",
                "--logging.level.root=WARN", "--logging.level.com.exchange.ledger.embeddedstore=INFO"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        ServiceProcess service = new ServiceProcess(builder.redirectErrorStream(true).redirectOutput(logFile.toFile()).start(), port, logFile);
        // a bound on a start that hangs, not a wait: ~10 s on a quiet machine, past 90 s seen with the suite's two test
        // JVMs and other builds sharing two cores (issue 19)
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(service.process.isAlive()).as("the service died at start: %s", Files.readString(logFile)).isTrue();
            return service.status("GET", "/actuator/health", null) == 200;
        });
        return service;
    }

    /** The address of the embedded store the service started, read from its log. */
    String embeddedStoreUrl() throws IOException {
        Matcher url = STORE_URL.matcher(Files.readString(logFile));
        assertThat(url.find()).as("the service logs its store's address").isTrue();
        return url.group(1);
    }

    /** SIGKILL: no shutdown hook, no last commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    long pid() {
        return process.pid();
    }

    HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + KEY);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status of a call, or -1 when the process did not answer (it died, or is not up). */
    int status(String method, String path, String body) {
        try {
            return call(method, path, body).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = call("GET", path, null);
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
