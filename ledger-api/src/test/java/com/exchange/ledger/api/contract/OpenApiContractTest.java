package com.exchange.ledger.api.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.exchange.ledger.projections.flows.FlowsProjection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The published contract is the wire (issue 15 item 5): {@code GET /v3/api-docs}, fetched from the running service
 * without a key, describes every request and answer the service really exchanges. Each endpoint is called at least once
 * to success and once to a refusal; the request and answer of a success, and the answer of a refusal, are validated
 * against the spec (atlassian swagger-request-validator: undocumented properties, wrong types, a missing pattern
 * match, an undocumented status or content type all fail). The scopes the spec names are the ones the service checks.
 */
class OpenApiContractTest extends HttpContractFixture {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    /** Property names that carry an amount, a rate or a balance anywhere in the API. */
    private static final Pattern AMOUNT_NAME = Pattern.compile(
            "amount|fee|.*_amount|.*rate|.*balance|available|locked|in_flight|credited.*|debited.*|total|savings|actually_paid"
                    + "|.*_after|.*_price|.*_value|.*_usd|.*_pct");
    /** The JSON numbers the API writes that are measures, not money: a rebuild's speed, a processor's lag. */
    private static final Set<String> MEASURES = Set.of("events_per_second", "lag_seconds");
    private static final Map<String, String> KEYS = Map.of("ledger:write", WRITER, "ledger:read", READER,
            "ledger:admin", ADMIN, "ledger:audit", AUDITOR);

    private JsonNode spec;
    private OpenApiInteractionValidator validator;
    /** operation ("POST /api/swaps") to the status classes seen validated: "2xx", "4xx". */
    private final Map<String, Set<String>> seen = new TreeMap<>();

    @BeforeEach
    void fetchTheSpec() {
        // the spec is larger than the API's 64 KB bound on bodies, which the test client shares
        String text = http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 << 20)).build().get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        try {
            spec = JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(text).build();
    }

    @Test
    void everySchemaPropertyIsSnakeCaseAndEveryAmountADecimalString() {
        List<String> camel = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        List<String> untypedAmounts = new ArrayList<>();
        spec.path("components").path("schemas").fields().forEachRemaining(schema -> schema.getValue().path("properties").fields()
                .forEachRemaining(property -> {
                    String where = schema.getKey() + "." + property.getKey();
                    JsonNode type = property.getValue();
                    if (!SNAKE.matcher(property.getKey()).matches()) {
                        camel.add(where);
                    }
                    if ("number".equals(type.path("type").asText()) && !MEASURES.contains(property.getKey())) {
                        numbers.add(where);
                    }
                    if (AMOUNT_NAME.matcher(property.getKey()).matches() && !decimalString(type)) {
                        untypedAmounts.add(where + " " + type);
                    }
                }));
        assertThat(camel).as("camelCase properties").isEmpty();
        assertThat(numbers).as("amounts are strings: a property typed number").isEmpty();
        assertThat(untypedAmounts).as("amount properties without a decimal-string type").isEmpty();
        // schemas are named for what they are: no two controllers' Request records merged into one
        assertThat(spec.path("components").path("schemas").has("Request")).isFalse();
        assertThat(spec.path("components").path("schemas").has("WithdrawalRequest")).isTrue();
        assertThat(spec.path("components").path("schemas").has("SwapRequest")).isTrue();
        assertThat(spec.path("components").path("schemas").has("ExpressBuyRequest")).isTrue();
        assertThat(spec.path("components").path("securitySchemes").path("api_key").path("scheme").asText()).isEqualTo("bearer");
    }

    /** An amount is written as a decimal string; read, it is a decimal string or a JSON number (anyOf). */
    private static boolean decimalString(JsonNode schema) {
        if (schema.has("anyOf")) {
            for (JsonNode option : schema.get("anyOf")) {
                if (decimalString(option)) {
                    return true;
                }
            }
            return false;
        }
        return "string".equals(schema.path("type").asText()) && schema.has("pattern");
    }

    @Test
    void everyOperationSucceedsAndRefusesAsPublished() {
        // the ledger's own commands
        call(WRITER, "POST", "/api/ledger/credits", "{\"operation_id\":\"oa-c1\",\"user_id\":\"oa-ann\",\"currency\":\"USDT\",\"amount\":\"1000\"}", 200);
        call(WRITER, "POST", "/api/ledger/credits", "{\"operation_id\":\"oa-c2\",\"user_id\":\"oa-ann\",\"currency\":\"BTC\",\"amount\":2}", 200);
        call(WRITER, "POST", "/api/ledger/credits", "{\"operation_id\":\"oa-c3\",\"user_id\":\"oa-ann\",\"currency\":\"XYZ\",\"amount\":\"1\"}", 400);
        call(WRITER, "POST", "/api/ledger/debits", "{\"operation_id\":\"oa-d1\",\"user_id\":\"oa-ann\",\"currency\":\"USDT\",\"amount\":\"10\",\"reason\":\"fee\"}", 200);
        call(WRITER, "POST", "/api/ledger/debits", "{\"operation_id\":\"oa-d2\",\"user_id\":\"oa-ann\",\"currency\":\"USDT\",\"amount\":\"99999\"}", 422);
        call(WRITER, "POST", "/api/ledger/holds", "{\"hold_id\":\"oa-h1\",\"user_id\":\"oa-ann\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"reason\":\"x\"}", 200);
        call(WRITER, "POST", "/api/ledger/holds", "{\"hold_id\":\"oa-h2\",\"user_id\":\"oa-ann\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"reason\":\"x\"}", 200);
        call(WRITER, "POST", "/api/ledger/holds", "{\"hold_id\":\"oa-h3\",\"user_id\":\"oa-ann\",\"currency\":\"BTC\",\"amount\":\"500\",\"reason\":\"x\"}", 422);
        call(WRITER, "POST", "/api/ledger/holds/oa-h1/release", "{\"to_user_id\":\"oa-bob\"}", 200);
        call(WRITER, "POST", "/api/ledger/holds/oa-h1/release", "{\"to_user_id\":\"oa-cid\"}", 409);
        call(WRITER, "POST", "/api/ledger/holds/oa-h2/unlock", null, 200);
        call(WRITER, "POST", "/api/ledger/holds/oa-nope/unlock", null, 404);
        call(WRITER, "POST", "/api/ledger/transfers", "{\"transfer_id\":\"oa-x1\",\"from_user_id\":\"oa-ann\",\"to_user_id\":\"oa-bob\",\"currency\":\"BTC\",\"amount\":\"0.5\",\"fee\":\"0.001\"}", 200);
        call(WRITER, "POST", "/api/ledger/transfers", "{\"transfer_id\":\"oa-x2\",\"from_user_id\":\"oa-ann\",\"to_user_id\":\"oa-ann\",\"currency\":\"BTC\",\"amount\":\"0.5\"}", 400);
        call(WRITER, "POST", "/api/savings/transfers", "{\"operation_id\":\"oa-s1\",\"user_id\":\"oa-ann\",\"currency\":\"USDT\",\"amount\":\"10\",\"direction\":\"to_savings\"}", 200);
        call(WRITER, "POST", "/api/savings/transfers", "{\"operation_id\":\"oa-s2\",\"user_id\":\"oa-ann\",\"currency\":\"USDT\",\"amount\":\"500\",\"direction\":\"from_savings\"}", 422);

        // withdrawals
        call(WRITER, "POST", "/api/withdrawals", "{\"withdrawal_id\":\"oa-w1\",\"user_id\":\"oa-ann\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"fee\":\"0.0001\",\"address\":\"bc1qann\"}", 200);
        call(WRITER, "POST", "/api/withdrawals", "{\"withdrawal_id\":\"oa-w2\",\"user_id\":\"oa-ann\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"address\":\"bc1qann\"}", 200);
        call(WRITER, "POST", "/api/withdrawals", "{\"withdrawal_id\":\"oa-w3\",\"user_id\":\"oa-ann\",\"currency\":\"BTC\",\"amount\":\"0.123456789\",\"address\":\"bc1qann\"}", 400);
        call(ADMIN, "POST", "/api/withdrawals/oa-w1/approve", "{\"admin_id\":\"ops-1\"}", 200);
        call(ADMIN, "POST", "/api/withdrawals/oa-w1/reject", "{\"reason\":\"too late\"}", 409);
        call(ADMIN, "POST", "/api/withdrawals/oa-w2/reject", "{\"reason\":\"address on a sanctions list\"}", 200);
        call(ADMIN, "POST", "/api/withdrawals/oa-nope/approve", "{}", 404);
        call(ADMIN, "POST", "/api/withdrawals/oa-nope/reject", "{\"reason\":\"x\"}", 404);
        awaitOk(READER, "/api/withdrawals/oa-w1");
        call(READER, "GET", "/api/withdrawals/oa-nope", null, 404);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(call(READER, "GET", "/api/withdrawals?user_id=oa-ann&status=approved&limit=10", null, 200)
                .get("items")).isNotEmpty());
        call(READER, "GET", "/api/withdrawals?userId=oa-ann", null, 400);

        // trades, swaps, express buys
        call(WRITER, "POST", "/api/p2p/trades", "{\"trade_id\":\"oa-t1\",\"seller_id\":\"oa-ann\",\"buyer_id\":\"oa-bob\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"fee\":\"0\",\"expires_in_seconds\":600}", 200);
        call(WRITER, "POST", "/api/p2p/trades", "{\"trade_id\":\"oa-t2\",\"seller_id\":\"oa-ann\",\"buyer_id\":\"oa-bob\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"fee\":\"0\",\"expires_in_seconds\":600}", 200);
        call(WRITER, "POST", "/api/p2p/trades", "{\"trade_id\":\"oa-t3\",\"seller_id\":\"oa-ann\",\"buyer_id\":\"oa-bob\",\"currency\":\"BTC\",\"amount\":\"900\",\"fee\":\"0\",\"expires_in_seconds\":600}", 422);
        call(WRITER, "POST", "/api/p2p/trades/oa-t1/complete", null, 200);
        call(WRITER, "POST", "/api/p2p/trades/oa-t1/cancel", null, 409);
        call(WRITER, "POST", "/api/p2p/trades/oa-t2/cancel", null, 200);
        call(WRITER, "POST", "/api/p2p/trades/oa-nope/complete", null, 404);
        awaitOk(READER, "/api/p2p/trades/oa-t1");
        call(READER, "GET", "/api/p2p/trades/oa-nope", null, 404);
        call(WRITER, "POST", "/api/swaps", "{\"swap_id\":\"oa-sw1\",\"user_id\":\"oa-ann\",\"from_currency\":\"USDT\",\"to_currency\":\"BTC\","
                + "\"from_amount\":\"100\",\"rate\":0.00001,\"fee_currency\":\"USDT\",\"fee\":\"1\"}", 200);
        call(WRITER, "POST", "/api/swaps", "{\"swap_id\":\"oa-sw2\",\"user_id\":\"oa-ann\",\"from_currency\":\"USDT\",\"to_currency\":\"XYZ\","
                + "\"from_amount\":\"100\",\"rate\":\"0.00001\",\"fee_currency\":\"USDT\",\"fee\":\"1\"}", 400);
        awaitOk(READER, "/api/swaps/oa-sw1");
        call(READER, "GET", "/api/swaps/oa-nope", null, 404);
        call(WRITER, "POST", "/api/express-buy", "{\"order_id\":\"oa-o1\",\"user_id\":\"oa-ann\",\"fiat_currency\":\"EUR\","
                + "\"fiat_amount\":\"100\",\"currency\":\"ETH\",\"amount\":\"0.03\",\"fee\":\"0\",\"payment_ref\":\"oa-card\"}", 200);
        call(WRITER, "POST", "/api/express-buy", "{\"order_id\":\"oa-o2\",\"user_id\":\"oa-ann\",\"fiat_currency\":\"EUR\","
                + "\"fiat_amount\":\"100\",\"currency\":\"XYZ\",\"amount\":\"0.03\",\"fee\":\"0\",\"payment_ref\":\"oa-card\"}", 400);
        awaitOk(READER, "/api/express-buy/oa-o1");
        call(READER, "GET", "/api/express-buy/oa-nope", null, 404);

        // referrals, deposits
        call(WRITER, "PUT", "/api/referrals/oa-bob", "{\"referrer_id\":\"oa-ann\",\"commission_rate\":\"0.2\"}", 200);
        call(WRITER, "PUT", "/api/referrals/oa-cid", "{\"referrer_id\":\"oa-cid\",\"commission_rate\":\"0.2\"}", 400);
        awaitOk(READER, "/api/referrals/oa-bob");
        call(READER, "GET", "/api/referrals/oa-bob?referrerId=x", null, 400);
        callIpn(ipnBody("881001", "oa-ann", "finished", "25"), null, 200);
        callIpn(ipnBody("881002", "oa-ann", "finished", "25"), "0".repeat(128), 401);
        awaitOk(READER, "/api/deposits/881001");
        call(READER, "GET", "/api/deposits/881999", null, 404);
        call(ADMIN, "GET", "/api/deposits?review_required=true&limit=5", null, 200);
        call(ADMIN, "GET", "/api/deposits", null, 400);

        // wallets
        awaitOk(READER, "/api/wallets/balances/oa-ann");
        call(READER, "GET", "/api/wallets/balances/oa-ann?foo=1", null, 400);
        call(READER, "GET", "/api/wallets/transactions/oa-ann?currency=BTC&limit=5", null, 200);
        call(READER, "GET", "/api/wallets/transactions/oa-ann?limit=abc", null, 400);
        call(READER, "GET", "/api/wallets/portfolio/oa-ann", null, 200);
        call(READER, "GET", "/api/wallets/portfolio/oa-ann?foo=1", null, 400);

        // audit
        call(AUDITOR, "GET", "/api/audit/holds?older_than_minutes=0", null, 200);
        call(AUDITOR, "GET", "/api/audit/holds?older_than_minutes=abc", null, 400);
        call(AUDITOR, "GET", "/api/audit/system-balances", null, 200);
        call(AUDITOR, "GET", "/api/audit/system-balances?foo=1", null, 400);
        call(AUDITOR, "GET", "/api/audit/transfers?state=in_flight", null, 200);
        call(AUDITOR, "GET", "/api/audit/transfers?foo=1", null, 400);
        call(AUDITOR, "GET", "/api/audit/reconciliation?stuck_after_hours=24", null, 200);
        call(AUDITOR, "GET", "/api/audit/reconciliation?stuck_after_hours=abc", null, 400);
        call(AUDITOR, "GET", "/api/audit/chain", null, 200);
        call(AUDITOR, "GET", "/api/audit/chain?from_checkpoint=-1", null, 400);
        call(AUDITOR, "GET", "/api/audit/checkpoints?after=-1&limit=10", null, 200);
        call(AUDITOR, "GET", "/api/audit/checkpoints?limit=0", null, 400);
        call(AUDITOR, "GET", "/api/audit/accounts/oa-ann/BTC/events?limit=5", null, 200);
        call(AUDITOR, "GET", "/api/audit/accounts/system:fees/BTC/events", null, 200);
        call(AUDITOR, "GET", "/api/audit/accounts/oa-ann/XYZ/events", null, 400);
        call(AUDITOR, "GET", "/api/audit/accounts/oa-ann/BTC/balance", null, 200);
        call(AUDITOR, "GET", "/api/audit/accounts/oa-ann/BTC/balance?at=yesterday", null, 400);
        call(AUDITOR, "GET", "/api/audit/accounts/system:fees/BTC/balance", null, 200);
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String period = "from=" + now.minus(java.time.Duration.ofDays(30)) + "&to=" + now.plusSeconds(3600);
        call(AUDITOR, "GET", "/api/audit/accounts/oa-ann/BTC/statement?" + period, null, 200);
        call(AUDITOR, "GET", "/api/audit/accounts/oa-ann/BTC/statement?from=2026-01-01T00:00:00Z&to=2020-01-01T00:00:00Z", null, 400);
        call(READER, "GET", "/api/wallets/statements/oa-ann/BTC?" + period, null, 200);
        call(READER, "GET", "/api/wallets/statements/oa-ann/XYZ?" + period, null, 400);
        call(AUDITOR, "GET", "/api/audit/events?after=0&limit=5", null, 200);
        call(AUDITOR, "GET", "/api/audit/events?after=-1", null, 400);
        call(AUDITOR, "GET", "/api/audit/liabilities/BTC", null, 200);
        call(AUDITOR, "GET", "/api/audit/liabilities/XYZ", null, 400);
        call(READER, "GET", "/api/wallets/liabilities-proof/oa-ann/BTC", null, 200);
        call(READER, "GET", "/api/wallets/liabilities-proof/oa-ann/XYZ", null, 400);

        // administration
        call(ADMIN, "GET", "/api/admin/operations", null, 200);
        call(AUDITOR, "GET", "/api/admin/operations", null, 200);
        call(ADMIN, "GET", "/api/admin/operations?foo=1", null, 400);
        call(ADMIN, "GET", "/api/admin/dead-letters", null, 200);
        call(ADMIN, "GET", "/api/admin/dead-letters?foo=1", null, 400);
        call(ADMIN, "POST", "/api/admin/dead-letters/" + FlowsProjection.PROCESSING_GROUP + "/retry", null, 200);
        call(ADMIN, "POST", "/api/admin/dead-letters/nope/retry", null, 404);
        call(ADMIN, "GET", "/api/admin/projections/wallets", null, 200);
        call(ADMIN, "GET", "/api/admin/projections/nothing", null, 400);
        call(ADMIN, "POST", "/api/admin/projections/nothing/rebuild", null, 400);
        // the context is shared with the other contract tests: the rebuilt view is whole again before this test ends
        String history = "/api/wallets/transactions/oa-ann?limit=100";
        int entries = awaitSettled(history);
        assertThat(entries).isPositive();
        call(ADMIN, "POST", "/api/admin/projections/wallet-transactions/rebuild", null, 202);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(JSON.readTree(raw("GET", history, READER, null).getResponseBody())
                .get("items")).hasSize(entries));

        Map<String, Set<String>> missing = new TreeMap<>();
        operations().forEach(operation -> {
            Set<String> classes = seen.getOrDefault(operation, Set.of());
            if (!classes.containsAll(Set.of("2xx", "4xx"))) {
                missing.put(operation, classes);
            }
        });
        assertThat(missing).as("operations not validated both to success and to a refusal").isEmpty();
    }

    /** The scopes the spec names are the ones the service checks: none is 401, a key without them 403, with one not. */
    @Test
    void everyOperationNeedsTheScopesItPublishes() {
        List<String> wrong = new ArrayList<>();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            String method = entry.getKey().toUpperCase();
            String uri = path.getKey().replaceAll("\\{[^}]+}", "oa-scope");
            JsonNode operation = entry.getValue();
            Set<String> scopes = new TreeSet<>();
            operation.path("x-scopes").forEach(scope -> scopes.add(scope.asText()));
            boolean open = operation.has("security") && operation.get("security").isEmpty();
            if (open) {
                return;
            }
            if (scopes.isEmpty()) {
                wrong.add(method + " " + path.getKey() + " names no scope");
                return;
            }
            expectStatus(method, uri, null, 401, wrong);
            KEYS.forEach((scope, key) -> {
                int status = raw(method, uri, key, "{}").getStatus().value();
                boolean allowed = scopes.contains(scope);
                if (allowed == (status == 403) || status == 401) {
                    wrong.add(method + " " + path.getKey() + " with " + scope + ": " + status);
                }
            });
        }));
        assertThat(wrong).isEmpty();
    }

    private void expectStatus(String method, String uri, String key, int status, List<String> wrong) {
        int got = raw(method, uri, key, null).getStatus().value();
        if (got != status) {
            wrong.add(method + " " + uri + " without a key: " + got);
        }
    }

    /** The number of entries a history shows once it stops growing (the view follows the events). */
    private int awaitSettled(String path) {
        int[] last = {-1};
        await().atMost(PATIENCE).until(() -> {
            int now = JSON.readTree(raw("GET", path, READER, null).getResponseBody()).get("items").size();
            boolean settled = now == last[0];
            last[0] = now;
            return settled;
        });
        return last[0];
    }

    private void awaitOk(String key, String path) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(raw("GET", path, key, null).getStatus().value()).as(path).isEqualTo(200));
        call(key, "GET", path, null, 200);
    }

    /** Sends the request, checks the status, and validates it against the spec: request and answer, or the refusal. */
    private JsonNode call(String key, String method, String uri, String body, int status) {
        EntityExchangeResult<byte[]> result = raw(method, uri, key, body);
        String answer = result.getResponseBody() == null ? "" : new String(result.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(result.getStatus().value()).as("%s %s answered %s", method, uri, answer).isEqualTo(status);
        validate(method, uri, key == null ? null : "Bearer " + key, body, result, answer, Map.of());
        try {
            return answer.isEmpty() ? null : JSON.readTree(answer);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void callIpn(String body, String signature, int status) {
        String sig = signature != null ? signature : hmac(com.exchange.ledger.api.deposit.TestCanonical.of(body));
        EntityExchangeResult<byte[]> result = http.post().uri("/api/payments/nowpayments/ipn").contentType(MediaType.APPLICATION_JSON)
                .header("x-nowpayments-sig", sig).bodyValue(body).exchange().expectBody().returnResult();
        String answer = new String(result.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(result.getStatus().value()).as(answer).isEqualTo(status);
        validate("POST", "/api/payments/nowpayments/ipn", null, body, result, answer, Map.of("x-nowpayments-sig", sig));
    }

    private static String ipnBody(String paymentId, String user, String status, String actuallyPaid) {
        return "{\"payment_id\":" + paymentId + ",\"payment_status\":\"" + status + "\",\"pay_amount\":100.5,\"actually_paid\":"
                + actuallyPaid + ",\"pay_currency\":\"usdttrc20\",\"order_id\":\"" + user + "\"}";
    }

    private EntityExchangeResult<byte[]> raw(String method, String uri, String key, String body) {
        WebTestClient.RequestBodySpec request = http.method(HttpMethod.valueOf(method)).uri(uri);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        WebTestClient.ResponseSpec response = body == null ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        return response.expectBody().returnResult();
    }

    private void validate(String method, String uri, String authorization, String body, EntityExchangeResult<byte[]> result,
                          String answer, Map<String, String> headers) {
        var components = UriComponentsBuilder.fromUriString(uri).build();
        String path = components.getPath();
        SimpleResponse.Builder response = SimpleResponse.Builder.status(result.getStatus().value()).withBody(answer);
        result.getResponseHeaders().forEach((name, values) -> response.withHeader(name, values));
        ValidationReport report;
        if (result.getStatus().is2xxSuccessful()) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
            components.getQueryParams().forEach((name, values) -> request.withQueryParam(name, values));
            if (authorization != null) {
                request.withAuthorization(authorization);
            }
            headers.forEach(request::withHeader);
            if (body != null) {
                request.withContentType(MediaType.APPLICATION_JSON_VALUE).withBody(body);
            }
            report = validator.validate(request.build(), response.build());
        } else {
            report = validator.validateResponse(path, Request.Method.valueOf(method), response.build());
        }
        assertThat(report.hasErrors()).as("%s %s -> %s %s:%n%s", method, uri, result.getStatus().value(), answer,
                SimpleValidationReportFormat.getInstance().apply(report)).isFalse();
        seen.computeIfAbsent(method + " " + template(path), k -> new TreeSet<>())
                .add(result.getStatus().is2xxSuccessful() ? "2xx" : "4xx");
    }

    private static final PathPatternParser PARSER = new PathPatternParser();

    private String template(String path) {
        List<PathPattern> matching = new ArrayList<>();
        spec.path("paths").fieldNames().forEachRemaining(template -> {
            PathPattern pattern = PARSER.parse(template);
            if (pattern.matches(PathContainer.parsePath(path))) {
                matching.add(pattern);
            }
        });
        assertThat(matching).as("a published path for %s", path).isNotEmpty();
        return matching.stream().min(PathPattern.SPECIFICITY_COMPARATOR).orElseThrow().getPatternString();
    }

    private List<String> operations() {
        List<String> all = new ArrayList<>();
        spec.path("paths").fields().forEachRemaining(path -> {
            Iterator<String> methods = path.getValue().fieldNames();
            methods.forEachRemaining(method -> all.add(method.toUpperCase() + " " + path.getKey()));
        });
        all.sort(Comparator.naturalOrder());
        return all;
    }
}
