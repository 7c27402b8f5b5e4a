package com.exchange.ledger.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One format for one thing (issue 15 item 8): a scenario runs every flow, then every answer of every GET and POST
 * endpoint is walked: each amount is a string at its currency's scale, each timestamp has one shape, and no store
 * internal ({@code _id}, {@code seq}) appears anywhere.
 */
class AnswerShapesTest extends HttpContractFixture {

    static final Map<String, Integer> SCALES = Map.of("BTC", 8, "ETH", 18, "USDT", 6, "EUR", 2, "USD", 2);
    static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    static final Pattern INSTANT_LIKE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T.*");
    static final Pattern INSTANT = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z");
    /** Figures that are not amounts of a currency: prices, rates, percentages, counts. */
    static final List<String> NOT_AMOUNTS = List.of("usd_price", "rate", "commission_rate", "allocation_pct", "sequence",
            "last_sequence", "next_from_sequence", "credits", "notifications", "age_seconds", "events_read", "global_index", "id");

    @Test
    @DisplayName("every amount at its currency's scale, every timestamp in one shape, no _id or seq, in every answer")
    void everyAnswerHasOneShape() {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        answers.put("POST credit", post(WRITER, "/api/ledger/credits",
                "{\"operation_id\":\"as-1\",\"user_id\":\"as-ann\",\"currency\":\"BTC\",\"amount\":\"2\"}"));
        post(WRITER, "/api/ledger/credits", "{\"operation_id\":\"as-2\",\"user_id\":\"as-ann\",\"currency\":\"USDT\",\"amount\":\"1000\"}");
        answers.put("POST hold", post(WRITER, "/api/ledger/holds",
                "{\"hold_id\":\"as-h-1\",\"user_id\":\"as-ann\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"reason\":\"test\"}"));
        answers.put("POST savings", post(WRITER, "/api/savings/transfers",
                "{\"operation_id\":\"as-s-1\",\"user_id\":\"as-ann\",\"currency\":\"USDT\",\"amount\":\"10\",\"direction\":\"to_savings\"}"));
        answers.put("POST transfer", post(WRITER, "/api/ledger/transfers",
                "{\"transfer_id\":\"as-x-1\",\"from_user_id\":\"as-ann\",\"to_user_id\":\"as-bob\",\"currency\":\"BTC\",\"amount\":\"0.5\",\"fee\":\"0.001\"}"));
        answers.put("POST withdrawal", post(WRITER, "/api/withdrawals",
                "{\"withdrawal_id\":\"as-w-1\",\"user_id\":\"as-ann\",\"currency\":\"BTC\",\"amount\":\"0.2\",\"fee\":\"0.001\",\"address\":\"bc1q\"}"));
        answers.put("POST approve", post(ADMIN, "/api/withdrawals/as-w-1/approve", "{}"));
        answers.put("POST trade", post(WRITER, "/api/p2p/trades", "{\"trade_id\":\"as-t-1\",\"seller_id\":\"as-ann\",\"buyer_id\":\"as-bob\","
                + "\"currency\":\"USDT\",\"amount\":\"100\",\"fee\":\"1\",\"expires_in_seconds\":600}"));
        answers.put("POST swap", post(WRITER, "/api/swaps", "{\"swap_id\":\"as-sw-1\",\"user_id\":\"as-ann\",\"from_currency\":\"USDT\","
                + "\"to_currency\":\"BTC\",\"from_amount\":\"100\",\"rate\":\"0.00001\",\"fee_currency\":\"USDT\",\"fee\":\"1\"}"));
        answers.put("POST express buy", post(WRITER, "/api/express-buy", "{\"order_id\":\"as-o-1\",\"user_id\":\"as-ann\",\"fiat_currency\":\"EUR\","
                + "\"fiat_amount\":\"100\",\"currency\":\"ETH\",\"amount\":\"0.03\",\"fee\":\"0\",\"payment_ref\":\"as-card\"}"));
        answers.put("POST deposit", ipn("770001", "as-ann", "finished", "25"));
        answers.put("PUT referral", http.put().uri("/api/referrals/as-bob").header("Authorization", "Bearer " + WRITER)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue("{\"referrer_id\":\"as-ann\",\"commission_rate\":\"0.1\"}")
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody());

        awaitGet(READER, "/api/deposits/770001");
        awaitGet(READER, "/api/express-buy/as-o-1");
        awaitGet(READER, "/api/swaps/as-sw-1");
        awaitGet(READER, "/api/p2p/trades/as-t-1");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(get(READER, "/api/wallets/transactions/as-bob").get("items").size()).isPositive());
        for (String path : List.of("/api/wallets/balances/as-ann", "/api/wallets/balances/as-bob", "/api/wallets/portfolio/as-ann",
                "/api/wallets/transactions/as-ann", "/api/wallets/transactions/as-bob", "/api/withdrawals/as-w-1", "/api/withdrawals",
                "/api/p2p/trades/as-t-1", "/api/swaps/as-sw-1", "/api/express-buy/as-o-1", "/api/deposits/770001", "/api/referrals/as-bob")) {
            answers.put("GET " + path, get(READER, path));
        }
        answers.put("GET deposits for review", get(ADMIN, "/api/deposits?review_required=true"));
        for (String path : List.of("/api/audit/reconciliation", "/api/audit/holds", "/api/audit/system-balances",
                "/api/audit/transfers?state=received", "/api/audit/accounts/as-ann/BTC/events", "/api/audit/accounts/as-ann/BTC/balance",
                "/api/audit/accounts/as-nobody/BTC/balance", "/api/audit/accounts/system:fees/BTC/balance",
                "/api/audit/accounts/system:fees/BTC/events")) {
            answers.put("GET " + path, get(AUDITOR, path));
        }

        List<String> problems = new ArrayList<>();
        // an audit account's answers are in the currency its path names
        answers.forEach((name, answer) -> walk(name, "$", answer,
                name.startsWith("GET /api/audit/accounts/") ? name.split("/")[5] : null, problems));
        assertThat(problems).isEmpty();
        assertThat(answers.get("GET /api/swaps/as-sw-1").get("requested_at")).isEqualTo(answers.get("POST swap").get("requested_at"));
    }

    @Test
    @DisplayName("a conflict's detail names the caller's id, not the store's operation key or an event's Java name")
    void conflictDetailForTheCaller() {
        credit("as-c-fund", "as-cid", "BTC", "1");
        post(WRITER, "/api/ledger/holds", "{\"hold_id\":\"as-c-h\",\"user_id\":\"as-cid\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"reason\":\"x\"}");
        post(WRITER, "/api/ledger/holds/as-c-h/release", "{}");
        String detail = refused(HttpMethod.POST, WRITER, "/api/ledger/holds/as-c-h/release", "{\"to_user_id\":\"as-other\"}", 409,
                "HOLD_ALREADY_SETTLED");
        assertThat(detail).contains("as-c-h").doesNotContain("settle:").doesNotContain("HoldReleased");
    }

    /** Collects what breaks the rules at and under {@code node}; {@code currency} is the nearest enclosing one. */
    private static void walk(String answer, String path, JsonNode node, String currency, List<String> problems) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(answer, path + "[" + i + "]", node.get(i), currency, problems);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        String here = node.hasNonNull("currency") && node.get("currency").isTextual() ? node.get("currency").asText() : currency;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String at = answer + " " + path + "." + name;
            if (name.equals("_id") || name.equals("seq")) {
                problems.add(at + ": a store internal");
            }
            if (value.isContainerNode()) {
                walk(answer, path + "." + name, value, here, problems);
                continue;
            }
            if (value.isNumber() && !NOT_AMOUNTS.contains(name) && !value.isIntegralNumber()) {
                problems.add(at + ": a JSON number " + value);
            }
            if (!value.isTextual()) {
                continue;
            }
            String text = value.asText();
            if (INSTANT_LIKE.matcher(text).matches() && !INSTANT.matcher(text).matches()) {
                problems.add(at + ": timestamp " + text + " not in the shape 2026-01-01T00:00:00.000Z");
            }
            if (DECIMAL.matcher(text).matches() && !NOT_AMOUNTS.contains(name) && !name.endsWith("_id")) {
                String of = currencyOf(node, name, here);
                Integer scale = of == null ? null : SCALES.get(of);
                int decimals = text.indexOf('.') < 0 ? 0 : text.length() - text.indexOf('.') - 1;
                if (scale == null || decimals != scale) {
                    problems.add(at + ": amount " + text + " not at the scale of " + of);
                }
            }
        }
    }

    /** The currency an amount field is in: its own currency field where it has one, else the object's. */
    private static String currencyOf(JsonNode object, String field, String enclosing) {
        if (field.startsWith("usd_") || field.equals("total_usd")) {
            return "USD";
        }
        for (String prefix : List.of("from", "to", "fiat", "fee")) {
            if ((field.equals(prefix + "_amount") || field.equals(prefix)) && object.hasNonNull(prefix + "_currency")) {
                return object.get(prefix + "_currency").asText();
            }
        }
        return enclosing;
    }
}
