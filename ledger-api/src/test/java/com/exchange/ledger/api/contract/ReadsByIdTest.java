package com.exchange.ledger.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What users expect of the API and was missing (issue 15 item 7): every flow read by its id, the deposits flagged for
 * review, the audit endpoints for system accounts, and HEAD with the scope of GET.
 */
class ReadsByIdTest extends HttpContractFixture {

    @Test
    @DisplayName("GET a trade by id: as recorded, for a read or admin key; 403 for write and audit keys; 404 NOT_FOUND for an unknown id")
    void tradeById() {
        credit("rb-fund-sal", "rb-sal", "USDT", "100");
        post(WRITER, "/api/p2p/trades", "{\"trade_id\":\"rb-t-1\",\"seller_id\":\"rb-sal\",\"buyer_id\":\"rb-bo\",\"currency\":\"USDT\","
                + "\"amount\":\"40\",\"fee\":\"1\",\"expires_in_seconds\":600}");
        // the view shows the trade "requested" until its funds are locked: wait for "open", not for the document
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(awaitGet(READER, "/api/p2p/trades/rb-t-1").get("status").asText()).isEqualTo("open"));
        JsonNode trade = awaitGet(READER, "/api/p2p/trades/rb-t-1");
        assertThat(trade.get("trade_id").asText()).isEqualTo("rb-t-1");
        assertThat(trade.get("seller_id").asText()).isEqualTo("rb-sal");
        assertThat(trade.get("amount").asText()).isEqualTo("40.000000");
        assertThat(trade.get("status").asText()).isEqualTo("open");
        get(ADMIN, "/api/p2p/trades/rb-t-1");
        forbidden("/api/p2p/trades/rb-t-1", WRITER, AUDITOR);
        assertThat(refused(HttpMethod.GET, READER, "/api/p2p/trades/rb-none", null, 404, "NOT_FOUND")).contains("rb-none");
        refused(HttpMethod.GET, READER, "/api/p2p/trades/" + "t".repeat(200), null, 400, "VALIDATION_FAILED");
    }

    @Test
    @DisplayName("GET a swap by id: as recorded; scopes as for every read; 404 for an unknown id")
    void swapById() {
        credit("rb-fund-sue", "rb-sue", "USDT", "1000");
        JsonNode posted = post(WRITER, "/api/swaps", "{\"swap_id\":\"rb-s-1\",\"user_id\":\"rb-sue\",\"from_currency\":\"USDT\","
                + "\"to_currency\":\"BTC\",\"from_amount\":\"970\",\"rate\":\"0.0000103\",\"fee_currency\":\"USDT\",\"fee\":\"3\"}");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(awaitGet(READER, "/api/swaps/rb-s-1").get("status").asText()).isEqualTo("completed"));
        JsonNode swap = get(ADMIN, "/api/swaps/rb-s-1");
        for (String field : List.of("swap_id", "user_id", "from_currency", "to_currency", "from_amount", "to_amount", "rate",
                "fee_currency", "fee", "status")) {
            assertThat(swap.get(field)).as(field).isEqualTo(posted.get(field));
        }
        forbidden("/api/swaps/rb-s-1", WRITER, AUDITOR);
        refused(HttpMethod.GET, READER, "/api/swaps/rb-none", null, 404, "NOT_FOUND");
    }

    @Test
    @DisplayName("GET an express buy by id: as recorded; scopes as for every read; 404 for an unknown id")
    void expressBuyById() {
        JsonNode posted = post(WRITER, "/api/express-buy", "{\"order_id\":\"rb-o-1\",\"user_id\":\"rb-eve\",\"fiat_currency\":\"EUR\","
                + "\"fiat_amount\":\"100\",\"currency\":\"ETH\",\"amount\":\"0.03\",\"fee\":\"0.0003\",\"payment_ref\":\"rb-card-1\"}");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(awaitGet(READER, "/api/express-buy/rb-o-1").get("status").asText()).isEqualTo("completed"));
        JsonNode order = get(READER, "/api/express-buy/rb-o-1");
        for (String field : List.of("order_id", "user_id", "currency", "amount", "fee", "credited", "fiat_currency", "fiat_amount",
                "payment_ref", "status")) {
            assertThat(order.get(field)).as(field).isEqualTo(posted.get(field));
        }
        forbidden("/api/express-buy/rb-o-1", WRITER, AUDITOR);
        refused(HttpMethod.GET, READER, "/api/express-buy/rb-none", null, 404, "NOT_FOUND");
    }

    @Test
    @DisplayName("GET a deposit by payment_id (read or admin); the deposits flagged for review listed for admins only, paged")
    void depositsAndReviewQueue() {
        ipn("880001", "rb-dora", "finished", "100.5");
        ipn("880001", "rb-dora", "partially_paid", "40");     // lower than credited: to review
        ipn("880002", "rb-dan", "finished", "7");
        ipn("880003", "rb-dee", "finished", "9");
        ipn("880003", "rb-dee", "partially_paid", "1");        // to review
        JsonNode deposit = awaitGet(READER, "/api/deposits/880002");
        assertThat(deposit.get("payment_id").asText()).isEqualTo("880002");
        assertThat(deposit.get("user_id").asText()).isEqualTo("rb-dan");
        assertThat(deposit.get("credited_total").asText()).isEqualTo("7.000000");
        assertThat(deposit.get("review_required").asBoolean()).isFalse();
        forbidden("/api/deposits/880002", WRITER, AUDITOR);
        refused(HttpMethod.GET, READER, "/api/deposits/999999", null, 404, "NOT_FOUND");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(reviewIds("/api/deposits?review_required=true"))
                .containsExactly("880001", "880003"));
        JsonNode first = get(ADMIN, "/api/deposits?review_required=true&limit=1");
        assertThat(first.get("items")).hasSize(1);
        assertThat(first.get("items").get(0).get("review_reason").asText()).isNotEmpty();
        JsonNode second = get(ADMIN, "/api/deposits?review_required=true&limit=1&cursor=" + first.get("next_cursor").asText());
        assertThat(second.get("items").get(0).get("payment_id").asText()).isEqualTo("880003");
        assertThat(second.get("next_cursor").isNull()).isTrue();
        forbidden("/api/deposits?review_required=true", READER, WRITER, AUDITOR);
        refused(HttpMethod.GET, ADMIN, "/api/deposits?review_required=false", null, 400, "VALIDATION_FAILED");
        refused(HttpMethod.GET, ADMIN, "/api/deposits?review_required=true&limit=0", null, 400, "VALIDATION_FAILED");
        refused(HttpMethod.GET, ADMIN, "/api/deposits?review_required=true&cursor=nonsense", null, 400, "VALIDATION_FAILED");
    }

    @Test
    @DisplayName("a system account's events and balance at an instant, for auditors; other scopes 403")
    void systemAccountAudit() {
        credit("rb-fund-fee", "rb-fay", "BTC", "1");
        post(WRITER, "/api/withdrawals", "{\"withdrawal_id\":\"rb-w-1\",\"user_id\":\"rb-fay\",\"currency\":\"BTC\",\"amount\":\"0.1\","
                + "\"fee\":\"0.001\",\"address\":\"bc1qfay\"}");
        post(ADMIN, "/api/withdrawals/rb-w-1/approve", "{}");
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode events = get(AUDITOR, "/api/audit/accounts/system:fees/BTC/events");
            assertThat(events.get("account").asText()).isEqualTo("system:fees/BTC");
            assertThat(events.get("events").toString()).contains("rb-w-1");
        });
        JsonNode page = get(AUDITOR, "/api/audit/accounts/system:fees/BTC/events?limit=1");
        assertThat(page.get("events")).hasSize(1);
        JsonNode balance = get(AUDITOR, "/api/audit/accounts/system:fees/BTC/balance");
        assertThat(balance.get("account").asText()).isEqualTo("system:fees");
        assertThat(balance.get("balance").asText()).matches("[0-9]+\\.[0-9]{8}");
        assertThat(new java.math.BigDecimal(balance.get("balance").asText())).isGreaterThanOrEqualTo(new java.math.BigDecimal("0.001"));
        JsonNode before = get(AUDITOR, "/api/audit/accounts/system:fees/BTC/balance?at=2020-01-01T00:00:00Z");
        assertThat(before.get("balance").asText()).isEqualTo("0.00000000");
        assertThat(get(AUDITOR, "/api/audit/accounts/external:withdrawals/BTC/events").get("events").toString()).contains("rb-w-1");
        forbidden("/api/audit/accounts/system:fees/BTC/events", READER, WRITER, ADMIN);
        refused(HttpMethod.GET, AUDITOR, "/api/audit/accounts/bogus:fees/BTC/events", null, 400, "VALIDATION_FAILED");
    }

    @Test
    @DisplayName("HEAD needs the scope GET needs: a read key gets 200, a write-only key 403, no key 401")
    void headLikeGet() {
        credit("rb-fund-hal", "rb-hal", "BTC", "1");
        for (String path : List.of("/api/wallets/balances/rb-hal", "/api/withdrawals?status=pending")) {
            call(HttpMethod.HEAD, READER, path, null).expectStatus().isOk();
            call(HttpMethod.HEAD, WRITER, path, null).expectStatus().isForbidden();
        }
        http.head().uri("/api/wallets/balances/rb-hal").exchange().expectStatus().isUnauthorized();
        call(HttpMethod.HEAD, ADMIN, "/api/deposits?review_required=true", null).expectStatus().isOk();
        call(HttpMethod.HEAD, READER, "/api/deposits?review_required=true", null).expectStatus().isForbidden();
    }

    private void forbidden(String path, String... keys) {
        for (String key : keys) {
            refused(HttpMethod.GET, key, path, null, 403, "FORBIDDEN");
        }
    }

    private List<String> reviewIds(String path) {
        List<String> ids = new ArrayList<>();
        get(ADMIN, path).get("items").forEach(item -> ids.add(item.get("payment_id").asText()));
        return ids;
    }
}
