package com.exchange.ledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query parameter of every endpoint is range-checked: a value out of range, of the wrong type or not one the API
 * gave out is a 400 with a stable code and a short detail naming the parameter, never a 500. Before the checks,
 * {@code GET /api/audit/holds?older_than_minutes=999999999999999} was a 500 (the instant it asked for is before the
 * first instant Java has).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueryParametersTest {

    static final String KEY = "params-key-0123456789";

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        LedgerApplication.quietAxon();
        String dataDir = Files.createTempDirectory("ledger-params-").toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.mongo-url", () -> "");
        registry.add("ledger.api-keys", () -> KEY + "=ledger:write,ledger:read,ledger:admin,ledger:audit");
    }

    @Autowired
    WebTestClient http;

    static String cursor(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
            // parameter; value; path (the value goes where VALUE is)
            "older_than_minutes ; 999999999999999 ; /api/audit/holds?older_than_minutes=VALUE",
            "older_than_minutes ; 52596001 ; /api/audit/holds?older_than_minutes=VALUE",
            "older_than_minutes ; -1 ; /api/audit/holds?older_than_minutes=VALUE",
            "older_than_minutes ; 9223372036854775807 ; /api/audit/holds?older_than_minutes=VALUE",
            "older_than_minutes ; 99999999999999999999 ; /api/audit/holds?older_than_minutes=VALUE",
            "older_than_minutes ; 1e3 ; /api/audit/holds?older_than_minutes=VALUE",
            "older_than_minutes ; ten ; /api/audit/holds?older_than_minutes=VALUE",
            "stuck_after_hours ; 0 ; /api/audit/reconciliation?stuck_after_hours=VALUE",
            "stuck_after_hours ; 8761 ; /api/audit/reconciliation?stuck_after_hours=VALUE",
            "stuck_after_hours ; 2147483648 ; /api/audit/reconciliation?stuck_after_hours=VALUE",
            "stuck_after_hours ; 1.5 ; /api/audit/reconciliation?stuck_after_hours=VALUE",
            "state ; lost ; /api/audit/transfers?state=VALUE",
            "from_checkpoint ; -1 ; /api/audit/chain?from_checkpoint=VALUE",
            "from_checkpoint ; 9223372036854775808 ; /api/audit/chain?from_checkpoint=VALUE",
            "from_checkpoint ; latest ; /api/audit/chain?from_checkpoint=VALUE",
            "limit ; 0 ; /api/audit/checkpoints?limit=VALUE",
            "limit ; 1001 ; /api/audit/checkpoints?limit=VALUE",
            "after ; -2 ; /api/audit/checkpoints?after=VALUE",
            "from_sequence ; -1 ; /api/audit/accounts/pat/BTC/events?from_sequence=VALUE",
            "from_sequence ; 9223372036854775808 ; /api/audit/accounts/pat/BTC/events?from_sequence=VALUE",
            "from_sequence ; x ; /api/audit/accounts/pat/BTC/events?from_sequence=VALUE",
            "limit ; 0 ; /api/audit/accounts/pat/BTC/events?limit=VALUE",
            "limit ; 501 ; /api/audit/accounts/pat/BTC/events?limit=VALUE",
            "limit ; 99999999999 ; /api/audit/accounts/pat/BTC/events?limit=VALUE",
            "at ; yesterday ; /api/audit/accounts/pat/BTC/balance?at=VALUE",
            "at ; +1000000000-12-31T23:59:59Z ; /api/audit/accounts/pat/BTC/balance?at=VALUE",
            "at ; -1000000000-01-01T00:00:00Z ; /api/audit/accounts/pat/BTC/balance?at=VALUE",
            "at ; 1969-12-31T23:59:59Z ; /api/audit/accounts/pat/BTC/balance?at=VALUE",
            "at ; +10000-01-01T00:00:00Z ; /api/audit/accounts/pat/BTC/balance?at=VALUE",
            "limit ; 0 ; /api/wallets/transactions/pat?limit=VALUE",
            "limit ; 201 ; /api/wallets/transactions/pat?limit=VALUE",
            "limit ; -2147483648 ; /api/wallets/transactions/pat?limit=VALUE",
            "limit ; 2147483648 ; /api/wallets/transactions/pat?limit=VALUE",
            "limit ; many ; /api/wallets/transactions/pat?limit=VALUE",
            "cursor ; not-a-cursor! ; /api/wallets/transactions/pat?cursor=VALUE",
            "cursor ; CURSOR:g:-5 ; /api/wallets/transactions/pat?cursor=VALUE",
            "cursor ; CURSOR:g:99999999999999999999 ; /api/wallets/transactions/pat?cursor=VALUE",
            "cursor ; CURSOR:x:5 ; /api/wallets/transactions/pat?cursor=VALUE",
            "cursor ; LONG ; /api/wallets/transactions/pat?cursor=VALUE",
            "type ; bogus ; /api/wallets/transactions/pat?type=VALUE",
            "currency ; XYZ ; /api/wallets/transactions/pat?currency=VALUE",
            "status ; lost ; /api/withdrawals?status=VALUE",
            "limit ; 0 ; /api/withdrawals?limit=VALUE",
            "limit ; 201 ; /api/withdrawals?limit=VALUE",
            "limit ; 2147483648 ; /api/withdrawals?limit=VALUE",
            "limit ; some ; /api/withdrawals?limit=VALUE",
            "cursor ; not-a-cursor! ; /api/withdrawals?cursor=VALUE",
            "cursor ; CURSOR:-5|w-1 ; /api/withdrawals?cursor=VALUE",
            "cursor ; CURSOR:99999999999999999999|w-1 ; /api/withdrawals?cursor=VALUE",
            "cursor ; LONG ; /api/withdrawals?cursor=VALUE",
            "user_id ; a b ; /api/withdrawals?user_id=VALUE"})
    @DisplayName("a query parameter out of range is 400 with a stable code and a short detail")
    void outOfRange(String parameter, String value, String path) {
        String written = value.startsWith("CURSOR:") ? cursor(value.substring("CURSOR:".length()))
                : value.equals("LONG") ? "A".repeat(4000) : value;
        JsonNode problem = http.get().uri(path.replace("VALUE", "{value}"), written).header("Authorization", "Bearer " + KEY).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(problem.get("code").asText()).isIn("VALIDATION_FAILED", "UNKNOWN_CURRENCY");
        assertThat(problem.get("detail").asText()).hasSizeLessThan(200);
        if (problem.get("code").asText().equals("VALIDATION_FAILED")) {
            assertThat(problem.get("detail").asText()).containsAnyOf(parameter, parameter.replace('_', ' '));
        }
    }
}
