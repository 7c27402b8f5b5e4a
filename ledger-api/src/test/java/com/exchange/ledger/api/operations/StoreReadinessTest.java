package com.exchange.ledger.api.operations;

import com.exchange.ledger.api.LedgerApplication;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness follows the store: a stand-alone wire-protocol server on a fixed port, stopped and started again under
 * the running service. Liveness stays up throughout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the context's store is stopped by the test: no other test may get this context from the cache
@DirtiesContext
@DisplayName("Readiness: DOWN while the store is away, UP again when it is back; liveness stays UP")
class StoreReadinessTest {

    static final String AUDITOR = "readiness-auditor-key-0123456789";
    static final int STORE_PORT = freePort();
    static MongoServer store;
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        LedgerApplication.quietAxon();
        store = startStore();
        registry.add("ledger.mongo-url", () -> "mongodb://127.0.0.1:" + STORE_PORT);
        registry.add("ledger.db-name", () -> "readiness");
        registry.add("ledger.api-keys", () -> AUDITOR + "=ledger:audit,ledger:write");
    }

    /**
     * Stops the store when the service's context is destroyed, not in an {@code @AfterAll}: that runs before
     * {@code @DirtiesContext} closes the context, so the service stopped against a dead store: its processors, stuck on
     * it, outlasted Axon's 5 s shutdown phase without releasing their claims, and in two of three suite runs its web
     * server waited out the whole 30 s graceful-shutdown phase for a request still active. Beans are destroyed after every lifecycle bean has stopped, so the service stops against a live store.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class StoreOutlivesTheService {
        @Bean
        DisposableBean stopsTheStoreLast() {
            return () -> store.shutdownNow();
        }
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + AUDITOR).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("the store stops: readiness 503 with store DOWN; it starts again on the same port: readiness 200")
    void readinessFollowsTheStore() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200));
        JsonNode up = JSON.readTree(get("/actuator/health/readiness").body());
        assertThat(up.at("/components/store/status").asText()).isEqualTo("UP");
        assertThat(up.at("/components/ledger/status").asText()).isEqualTo("UP");
        assertThat(up.at("/components/ledger/details/reconciliation/verdict").asText()).isEqualTo("not run yet");
        assertThat(up.at("/components/ledger/details/processors/read-models/lag_events").isNumber()).as(up.toString()).isTrue();

        store.shutdownNow();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> readiness = get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(readiness.body()).at("/components/store/status").asText()).isEqualTo("DOWN");
        });
        assertThat(get("/actuator/health/liveness").statusCode()).as("liveness stays up").isEqualTo(200);

        store = startStore();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> readiness = get("/actuator/health/readiness");
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        });
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    private static MongoServer startStore() {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", STORE_PORT);
        return server;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
