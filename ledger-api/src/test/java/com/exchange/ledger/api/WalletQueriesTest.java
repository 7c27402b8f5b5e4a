package com.exchange.ledger.api;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.MoveToSavings;
import com.exchange.ledger.core.wallet.SendTransfer;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The query endpoints over real HTTP, on the projections the service builds from its own events. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a deadline for a loaded CI machine, not a measure: the default 5 s failed a page load there (issue 19)
@AutoConfigureWebTestClient(timeout = "PT60S")
class WalletQueriesTest {

    private static final CurrencyTable CURRENCIES = CurrencyTable.defaults();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        LedgerApplication.quietAxon();
        TestStore.register(registry, "ledger-queries");
        registry.add("ledger.api-keys", () -> ALL_SCOPES + "=ledger:read,ledger:audit,ledger:admin;" + READ_ONLY + "=ledger:read");
    }

    static final String ALL_SCOPES = "all-scopes-key-0123456789";
    static final String READ_ONLY = "read-only-key-0123456789";

    private WebTestClient authed() {
        return http.mutate().defaultHeader("Authorization", "Bearer " + ALL_SCOPES).build();
    }

    @Autowired
    WebTestClient http;
    @Autowired
    WalletCommandGateway commands;
    @Autowired
    MongoDatabase ledgerDatabase;

    private static boolean seeded;

    @BeforeAll
    static void reset() {
        seeded = false;
    }

    private void seed() {
        if (seeded) {
            return;
        }
        AccountId dana = AccountId.of("dana", "BTC");
        commands.send(new CreditAccount(dana, OperationId.of("d-1"), CURRENCIES.require("BTC").parse("0.5"), SystemAccount.NOWPAYMENTS, "deposit"));
        commands.send(new LockFunds(dana, HoldId.of("d-hold"), CURRENCIES.require("BTC").parse("0.1"), "p2p"));
        commands.send(new MoveToSavings(dana, OperationId.of("d-save"), CURRENCIES.require("BTC").parse("0.05")));
        AccountId danaUsdt = AccountId.of("dana", "USDT");
        commands.send(new CreditAccount(danaUsdt, OperationId.of("d-2"), CURRENCIES.require("USDT").parse("1000.123456"), SystemAccount.NOWPAYMENTS, "deposit"));
        commands.send(new SendTransfer(danaUsdt, TransferId.of("d-t"), AccountId.of("erin", "USDT"), CURRENCIES.require("USDT").parse("0.123456"), null));
        AccountId danaEth = AccountId.of("dana", "ETH");
        commands.send(new CreditAccount(danaEth, OperationId.of("d-3"), CURRENCIES.require("ETH").parse("0.000000000000000001"), SystemAccount.NOWPAYMENTS, "dust"));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                ledgerDatabase.getCollection("wallets").countDocuments(new Document("user_id", "erin")) == 1
                        && ledgerDatabase.getCollection("wallet_transactions").countDocuments(new Document("user_id", "dana")) == 6);
        seeded = true;
    }

    private JsonNode get(String path) {
        return authed().get().uri(path).exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    @DisplayName("the wallets view holds the balances of docs/design.md as Decimal128 at the currency's precision")
    void walletsView() {
        seed();
        Document wallet = ledgerDatabase.getCollection("wallets").find(new Document("user_id", "dana").append("currency", "BTC")).first();
        assertThat(wallet.get("available_balance")).isEqualTo(new Decimal128(new BigDecimal("0.35000000")));
        assertThat(wallet.get("locked_balance")).isEqualTo(new Decimal128(new BigDecimal("0.10000000")));
        assertThat(wallet.get("savings_balance")).isEqualTo(new Decimal128(new BigDecimal("0.05000000")));
        assertThat(wallet.get("total_balance")).isEqualTo(new Decimal128(new BigDecimal("0.50000000")));
        assertThat(wallet.getDate("created_at")).isNotNull();
        assertThat(wallet.getDate("last_updated")).isNotNull();
        List<String> indexes = new ArrayList<>();
        ledgerDatabase.getCollection("wallets").listIndexes().forEach(index -> indexes.add(index.getString("name")));
        assertThat(indexes).contains("user_id_1_currency_1", "user_id_1", "currency_1", "total_balance_1");
    }

    @Test
    @DisplayName("balances: every currency with exact strings and USD values")
    void balances() {
        seed();
        JsonNode body = get("/api/wallets/balances/dana");
        assertThat(body.get("user_id").asText()).isEqualTo("dana");
        JsonNode btc = body.get("balances").get(0);
        assertThat(btc.get("currency").asText()).isEqualTo("BTC");
        assertThat(btc.get("available_balance").asText()).isEqualTo("0.35000000");
        assertThat(btc.get("locked_balance").asText()).isEqualTo("0.10000000");
        assertThat(btc.get("savings_balance").asText()).isEqualTo("0.05000000");
        assertThat(btc.get("total_balance").asText()).isEqualTo("0.50000000");
        assertThat(btc.get("usd_value").asText()).isEqualTo("48500.00");
        assertThat(body.get("balances").get(1).get("total_balance").asText()).isEqualTo("0.000000000000000001");
        assertThat(body.get("balances").get(2).get("total_balance").asText()).isEqualTo("1000.000000");
        assertThat(body.get("total_usd").asText()).isEqualTo("49500.00");
    }

    @Test
    @DisplayName("portfolio: allocation percentages add up to exactly 100.00; nothing priced is an empty portfolio")
    void portfolio() {
        seed();
        JsonNode body = get("/api/wallets/portfolio/dana");
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode asset : body.get("assets")) {
            sum = sum.add(new BigDecimal(asset.get("allocation_pct").asText()));
        }
        assertThat(sum).isEqualByComparingTo("100.00");
        assertThat(body.get("total_usd").asText()).isEqualTo("49500.00");

        JsonNode nobody = get("/api/wallets/portfolio/nobody");
        assertThat(nobody.get("assets")).isEmpty();
        assertThat(nobody.get("total_usd").asText()).isEqualTo("0.00");
    }

    @Test
    @DisplayName("transactions: newest first, filtered, paged with a cursor")
    void transactions() {
        seed();
        JsonNode first = get("/api/wallets/transactions/dana?limit=4");
        assertThat(first.get("items")).hasSize(4);
        assertThat(first.get("items").get(0).get("type").asText()).isEqualTo("credit");
        assertThat(first.get("items").get(0).get("currency").asText()).isEqualTo("ETH");
        assertThat(first.get("items").get(1).get("type").asText()).isEqualTo("transfer_out");
        JsonNode second = get("/api/wallets/transactions/dana?limit=4&cursor=" + first.get("next_cursor").asText());
        assertThat(second.get("items")).hasSize(2);
        assertThat(second.get("next_cursor").isNull()).isTrue();

        JsonNode locks = get("/api/wallets/transactions/dana?type=lock&currency=BTC");
        assertThat(locks.get("items")).hasSize(1);
        assertThat(locks.get("items").get(0).get("amount").asText()).isEqualTo("0.10000000");
        assertThat(locks.get("items").get(0).get("locked_after").asText()).isEqualTo("0.10000000");
    }

    @Test
    @DisplayName("audit: an account's events oldest first, paged, and its balance at an instant")
    void auditAccount() {
        seed();
        JsonNode page = get("/api/audit/accounts/dana/BTC/events?limit=2");
        assertThat(page.get("events")).hasSize(2);
        assertThat(page.get("events").get(0).get("type").asText()).isEqualTo("wallet.FundsCredited");
        assertThat(page.get("events").get(0).get("payload").get("amount").get("amount").asText()).isEqualTo("0.50000000");
        assertThat(page.get("events").get(1).get("type").asText()).isEqualTo("wallet.FundsLocked");
        assertThat(page.get("next_from_sequence").asLong()).isEqualTo(2);
        JsonNode rest = get("/api/audit/accounts/dana/BTC/events?from_sequence=2");
        assertThat(rest.get("events")).hasSize(1);
        assertThat(rest.get("next_from_sequence").isNull()).isTrue();

        JsonNode before = get("/api/audit/accounts/dana/BTC/balance?at=2000-01-01T00:00:00Z");
        assertThat(before.get("total_balance").asText()).isEqualTo("0.00000000");
        assertThat(before.get("last_sequence").isNull()).isTrue();
        JsonNode now = get("/api/audit/accounts/dana/BTC/balance");
        assertThat(now.get("available_balance").asText()).isEqualTo("0.35000000");
        assertThat(now.get("total_balance").asText()).isEqualTo("0.50000000");
        assertThat(now.get("last_sequence").asLong()).isEqualTo(2);
    }

    @Test
    @DisplayName("audit: the reconciliation endpoint answers the replay with amounts as strings")
    void reconciliationEndpoint() {
        seed();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode report = get("/api/audit/reconciliation");
            assertThat(report.get("wallet_differences")).isEmpty();
            assertThat(report.get("currencies").get(0).get("zero_sum").asBoolean()).isTrue();
            assertThat(report.get("currencies").get(0).get("user_total").isTextual()).isTrue();
        });
    }

    @Test
    @DisplayName("audit: open holds with their age, system balances, transfers by state")
    void ledgerState() {
        seed();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode holds = get("/api/audit/holds");
            assertThat(holds).hasSize(1);
            assertThat(holds.get(0).get("hold_id").asText()).isEqualTo("d-hold");
            assertThat(holds.get(0).get("amount").asText()).isEqualTo("0.10000000");
            assertThat(holds.get(0).get("age_seconds").asLong()).isNotNegative();
            assertThat(get("/api/audit/holds?older_than_minutes=60")).isEmpty();

            JsonNode system = get("/api/audit/system-balances");
            JsonNode nowpaymentsBtc = null;
            for (JsonNode row : system) {
                if (row.get("account").asText().equals("external:nowpayments") && row.get("currency").asText().equals("BTC")) {
                    nowpaymentsBtc = row;
                }
            }
            assertThat(nowpaymentsBtc).isNotNull();
            assertThat(nowpaymentsBtc.get("balance").asText()).isEqualTo("-0.50000000");

            assertThat(get("/api/audit/transfers?state=received")).hasSize(1);
            assertThat(get("/api/audit/transfers")).isEmpty();
        });
        authed().get().uri("/api/audit/transfers?state=lost").exchange().expectStatus().isBadRequest();
    }

    @Test
    @DisplayName("admin: a projection is rebuilt on request and reports its progress")
    void rebuildEndpoint() {
        seed();
        JsonNode started = authed().post().uri("/api/admin/projections/wallets/rebuild").exchange()
                .expectStatus().isAccepted().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(started.get("projection").asText()).isEqualTo("wallets");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode progress = get("/api/admin/projections/wallets");
            assertThat(progress.get("events_done").asLong()).isEqualTo(progress.get("events_in_store").asLong());
        });
        authed().get().uri("/api/admin/projections/nothing").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
    }

    @Test
    @DisplayName("security: 401 without a valid key, 403 without the scope, health open, the rest of actuator closed")
    void security() {
        http.get().uri("/api/wallets/balances/dana").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHORIZED");
        http.get().uri("/api/wallets/balances/dana").header("Authorization", "Bearer not-a-key-of-ours-0000").exchange()
                .expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("UNAUTHORIZED");
        http.get().uri("/api/wallets/balances/dana").header("Authorization", "Basic " + READ_ONLY).exchange()
                .expectStatus().isUnauthorized();
        http.get().uri("/api/wallets/balances/dana").header("Authorization", "Bearer " + READ_ONLY).exchange()
                .expectStatus().isOk();
        http.get().uri("/api/audit/reconciliation").header("Authorization", "Bearer " + READ_ONLY).exchange()
                .expectStatus().isForbidden().expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
        http.post().uri("/api/admin/projections/wallets/rebuild").header("Authorization", "Bearer " + READ_ONLY).exchange()
                .expectStatus().isForbidden();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/actuator/env").header("Authorization", "Bearer " + ALL_SCOPES).exchange().expectStatus().isForbidden();
    }

    @Test
    @DisplayName("bad input is a problem+json with a stable code, never a 5xx")
    void badInput() {
        authed().get().uri("/api/wallets/balances/{user}", "a$b").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED").jsonPath("$.trace").doesNotExist();
        authed().get().uri("/api/wallets/transactions/dana?currency=XYZ").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("UNKNOWN_CURRENCY");
        authed().get().uri("/api/wallets/transactions/dana?limit=0").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
        authed().get().uri("/api/audit/accounts/dana/BTC/balance?at=yesterday").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
        authed().get().uri("/api/audit/accounts/dana/XYZ/events").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("UNKNOWN_CURRENCY");
        authed().get().uri("/api/wallets/transactions/dana?cursor=not-a-cursor").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
    }
}
