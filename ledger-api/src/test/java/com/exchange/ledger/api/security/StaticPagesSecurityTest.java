package com.exchange.ledger.api.security;

import com.exchange.ledger.api.LedgerApplication;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' files load without a key, since a person must see the page before pasting one; opening them must not
 * open anything else: every {@code /api} path still answers 401 without a key, whatever its name looks like.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a deadline for a loaded CI machine, not a measure: the default 5 s failed a page load there (issue 19)
@AutoConfigureWebTestClient(timeout = "PT60S")
class StaticPagesSecurityTest {

    private static final String READ_KEY = "static-pages-read-key-0123";

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        LedgerApplication.quietAxon();
        String dataDir = Files.createTempDirectory("ledger-static-pages-").toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.mongo-url", () -> "");
        registry.add("ledger.api-keys", () -> READ_KEY + "=ledger:read");
    }

    @Autowired
    WebTestClient http;

    @Test
    @DisplayName("the page, its scripts and its styles load without a key")
    void pagesLoadWithoutKey() {
        String welcome = http.get().uri("/").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(welcome).contains("<script type=\"module\" src=\"/app.js\">");
        http.get().uri("/index.html").exchange().expectStatus().isOk();
        http.get().uri("/app.css").exchange().expectStatus().isOk();
        for (String script : List.of("/app.js", "/pages/api.js", "/pages/wallet.js", "/pages/portfolio.js", "/pages/allocations.js",
                "/pages/savings.js", "/pages/transactions.js", "/pages/admin.js")) {
            http.get().uri(script).exchange().expectStatus().isOk()
                    .expectHeader().value("Content-Type", type -> assertThat(type).contains("javascript"));
        }
    }

    @Test
    @DisplayName("every /api path still needs a key, also one that looks like a page's file")
    void apiStillNeedsKey() {
        for (String path : List.of("/api/wallets/balances/alice", "/api/withdrawals", "/api/app.js", "/api/pages/wallet.js",
                "/api/wallets/index.html", "/api/x.css")) {
            http.get().uri(path).exchange().expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.code").isEqualTo("UNAUTHORIZED");
        }
        http.get().uri("/api/wallets/balances/alice").header("Authorization", "Bearer " + READ_KEY).exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("only reading is open: a page's path does not take writes, and nothing else outside /api is open")
    void onlyReadsOfPagesAreOpen() {
        http.post().uri("/index.html").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized();
        http.post().uri("/pages/wallet.js").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized();
        http.get().uri("/other/app.js").exchange().expectStatus().isUnauthorized();
        http.get().uri("/actuator/env").exchange().expectStatus().isUnauthorized();
    }
}
