package com.exchange.ledger.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import com.exchange.ledger.core.shared.RuleViolation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input over real HTTP: each answer keeps its contract {@code code} and names the field and the rule it broke in
 * {@code errors}, and appends nothing to the event store (the account's stream and balance are as before).
 */
@DisplayName("a validation problem names the field and the rule, and changes nothing")
class RuleViolationsTest extends HttpContractFixture {

    private static final String USER = "rules-user";
    private static final String OTHER = "rules-other";
    private static final String EVENTS = "/api/audit/accounts/" + USER + "/BTC/events?limit=500";
    private static final String BALANCES = "/api/wallets/balances/" + USER;

    record BadInput(String name, HttpMethod method, String key, String path, String json, String code, String field, String rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<BadInput> badInputs() {
        String credit = "{\"operation_id\":\"rules-op\",\"user_id\":\"" + USER + "\",\"currency\":\"%s\",\"amount\":%s}";
        String transfer = "{\"transfer_id\":\"rules-t\",\"from_user_id\":\"" + USER + "\",\"to_user_id\":\"%s\","
                + "\"currency\":\"BTC\",\"amount\":\"1\"}";
        return Stream.of(
                new BadInput("more decimals than BTC has", HttpMethod.POST, WRITER, "/api/ledger/credits",
                        credit.formatted("BTC", "\"0.123456789\""), "INVALID_AMOUNT", "amount", "amount_exceeds_currency_decimals"),
                new BadInput("a zero credit", HttpMethod.POST, WRITER, "/api/ledger/credits",
                        credit.formatted("BTC", "\"0\""), "INVALID_AMOUNT", "amount", "amount_must_be_positive"),
                new BadInput("an amount in exponent form", HttpMethod.POST, WRITER, "/api/ledger/credits",
                        credit.formatted("BTC", "\"1e3\""), "INVALID_AMOUNT", "amount", "amount_not_decimal"),
                new BadInput("a currency the ledger does not keep", HttpMethod.POST, WRITER, "/api/ledger/credits",
                        credit.formatted("XYZ", "\"1\""), "UNKNOWN_CURRENCY", "currency", "unknown_currency"),
                new BadInput("no amount", HttpMethod.POST, WRITER, "/api/ledger/credits",
                        credit.formatted("BTC", "null"), "VALIDATION_FAILED", "amount", "field_required"),
                new BadInput("a reason past 200 characters", HttpMethod.POST, WRITER, "/api/ledger/holds",
                        "{\"hold_id\":\"rules-h\",\"user_id\":\"" + USER + "\",\"currency\":\"BTC\",\"amount\":\"1\",\"reason\":\""
                                + "r".repeat(201) + "\"}", "VALIDATION_FAILED", "reason", "too_long"),
                new BadInput("a transfer to oneself", HttpMethod.POST, WRITER, "/api/ledger/transfers",
                        transfer.formatted(USER), "SAME_ACCOUNT", "to_user_id", "accounts_must_differ"),
                new BadInput("a trade fee as large as the amount", HttpMethod.POST, WRITER, "/api/p2p/trades",
                        "{\"trade_id\":\"rules-f\",\"seller_id\":\"" + USER + "\",\"buyer_id\":\"" + OTHER + "\",\"currency\":\"BTC\","
                                + "\"amount\":\"1\",\"fee\":\"1\",\"expires_in_seconds\":600}",
                        "FEE_NOT_BELOW_AMOUNT", "fee", "fee_must_be_below_amount"),
                new BadInput("a withdrawal address with a space", HttpMethod.POST, WRITER, "/api/withdrawals",
                        "{\"withdrawal_id\":\"rules-w\",\"user_id\":\"" + USER + "\",\"currency\":\"BTC\",\"amount\":\"1\","
                                + "\"fee\":\"0\",\"address\":\"bc1q rules\"}", "VALIDATION_FAILED", "address", "invalid_format"),
                new BadInput("a trade that expires at once", HttpMethod.POST, WRITER, "/api/p2p/trades",
                        "{\"trade_id\":\"rules-p\",\"seller_id\":\"" + USER + "\",\"buyer_id\":\"" + OTHER + "\",\"currency\":\"BTC\","
                                + "\"amount\":\"1\",\"fee\":\"0\",\"expires_in_seconds\":0}",
                        "VALIDATION_FAILED", "expires_in_seconds", "expiry_out_of_range"),
                new BadInput("a body field the request does not have", HttpMethod.POST, WRITER, "/api/ledger/credits",
                        "{\"operation_id\":\"rules-op\",\"user_id\":\"" + USER + "\",\"currency\":\"BTC\",\"amount\":\"1\",\"bogus\":1}",
                        "VALIDATION_FAILED", "bogus", "unknown_field"),
                new BadInput("a body that is not JSON", HttpMethod.POST, WRITER, "/api/ledger/credits",
                        "{\"operation_id\":", "VALIDATION_FAILED", "body", "malformed_json"),
                new BadInput("a body field of the wrong JSON type", HttpMethod.POST, WRITER, "/api/ledger/credits",
                        "{\"operation_id\":\"rules-op\",\"user_id\":{\"a\":1},\"currency\":\"BTC\",\"amount\":\"1\"}",
                        "VALIDATION_FAILED", "user_id", "invalid_format"),
                new BadInput("a page limit that is not a number", HttpMethod.GET, READER, "/api/wallets/transactions/" + USER + "?limit=abc",
                        null, "VALIDATION_FAILED", "limit", "invalid_format"),
                new BadInput("a page limit of zero", HttpMethod.GET, READER, "/api/wallets/transactions/" + USER + "?limit=0",
                        null, "VALIDATION_FAILED", "limit", "out_of_range"),
                new BadInput("a camelCase filter", HttpMethod.GET, READER, "/api/wallets/transactions/" + USER + "?userId=x",
                        null, "VALIDATION_FAILED", "userId", "unknown_query_parameter"));
    }

    @BeforeEach
    void funded() {
        // the same operation id every time: a repeat answers the first outcome and adds nothing
        credit("rules-funding", USER, "BTC", "10");
        awaitGet(READER, BALANCES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void namesTheRuleAndChangesNothing(BadInput input) {
        JsonNode eventsBefore = get(AUDITOR, EVENTS).get("events");
        JsonNode balancesBefore = get(READER, BALANCES).get("balances");

        JsonNode problem = call(input.method(), input.key(), input.path(), input.json()).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class).returnResult().getResponseBody();

        assertThat(problem.get("code").asText()).isEqualTo(input.code());
        assertThat(problem.get("detail").asText()).as("the human text stays").isNotBlank();
        assertThat(problem.get("errors")).hasSize(1);
        JsonNode error = problem.get("errors").get(0);
        assertThat(List.of(error.get("field").asText(), error.get("rule").asText())).containsExactly(input.field(), input.rule());
        assertThat(get(AUDITOR, EVENTS).get("events")).as("no event appended").isEqualTo(eventsBefore);
        assertThat(get(READER, BALANCES).get("balances")).as("balances unchanged").isEqualTo(balancesBefore);
    }

    @Test
    @DisplayName("the OpenAPI document describes errors on every 400, with every rule")
    void openApiDescribesTheRules() {
        JsonNode document = http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 << 20)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode problem = document.at("/components/schemas/Problem400");
        assertThat(problem.get("required")).extracting(JsonNode::asText).contains("errors");
        JsonNode violation = problem.at("/properties/errors/items");
        assertThat(violation.get("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("field", "rule");
        List<String> rules = new ArrayList<>();
        violation.at("/properties/rule/enum").forEach(rule -> rules.add(rule.asText()));
        assertThat(rules).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(RuleViolation.Rule.values()).map(RuleViolation.Rule::wireName).toList());
    }
}
