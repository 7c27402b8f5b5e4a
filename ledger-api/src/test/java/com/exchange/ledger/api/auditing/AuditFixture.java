package com.exchange.ledger.api.auditing;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.TestStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One service with a key per scope, shared by the audit tests (one Spring context for all of them): each test uses
 * users of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a deadline for a loaded machine, not a measure (issue 19)
@AutoConfigureWebTestClient(timeout = "PT60S")
abstract class AuditFixture {

    static final String WRITER = "audit-writer-key-0123";
    static final String READER = "audit-reader-key-0123";
    static final String AUDITOR = "audit-auditor-key-012";

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        LedgerApplication.quietAxon();
        TestStore.register(registry, "ledger-auditing");
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write;" + READER + "=ledger:read;" + AUDITOR + "=ledger:audit");
    }

    @Autowired
    WebTestClient http;

    /** A command; its status is returned, not checked: a random history also tries what the ledger refuses. */
    int post(String path, String json) {
        var request = http.post().uri(path).header("Authorization", "Bearer " + WRITER).contentType(MediaType.APPLICATION_JSON);
        return (json == null ? request.exchange() : request.bodyValue(json).exchange()).returnResult(String.class).getStatus().value();
    }

    void credit(String operation, String user, String currency, String amount) {
        assertThat(post("/api/ledger/credits", "{\"operation_id\":\"" + operation + "\",\"user_id\":\"" + user
                + "\",\"currency\":\"" + currency + "\",\"amount\":\"" + amount + "\"}")).isEqualTo(200);
    }

    JsonNode get(String key, String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + key).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** A refusal: the status, problem+json, its stable code. */
    void refused(String key, String path, MediaType accept, int status, String code) {
        http.get().uri(path).header("Authorization", "Bearer " + key).accept(accept).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code).jsonPath("$.trace").doesNotExist();
    }
}
