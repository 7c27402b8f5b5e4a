package com.exchange.ledger.api.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Query parameters are snake_case, read as named, and one an endpoint does not read is refused (issue 15 item 6). */
class QueryParametersTest extends HttpContractFixture {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    @DisplayName("GET /api/withdrawals?status=pending&user_id=x lists x's withdrawals only")
    void userIdFilters() {
        credit("qp-fund-ann", "qp-ann", "BTC", "1");
        credit("qp-fund-bob", "qp-bob", "BTC", "1");
        post(WRITER, "/api/withdrawals", "{\"withdrawal_id\":\"qp-w-ann\",\"user_id\":\"qp-ann\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"address\":\"bc1qann\"}");
        post(WRITER, "/api/withdrawals", "{\"withdrawal_id\":\"qp-w-bob\",\"user_id\":\"qp-bob\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"address\":\"bc1qbob\"}");
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(ids(get(ADMIN, "/api/withdrawals?status=pending"))).contains("qp-w-ann", "qp-w-bob"));

        assertThat(ids(get(ADMIN, "/api/withdrawals?status=pending&user_id=qp-ann"))).containsExactly("qp-w-ann");
        assertThat(ids(get(READER, "/api/withdrawals?user_id=qp-bob&limit=5"))).containsExactly("qp-w-bob");
        assertThat(ids(get(READER, "/api/withdrawals?user_id=qp-nobody"))).isEmpty();
    }

    @Test
    @DisplayName("the camelCase alias userId is 400 VALIDATION_FAILED naming it, not a list of every user's withdrawals")
    void camelCaseAliasRefused() {
        String detail = refused(HttpMethod.GET, ADMIN, "/api/withdrawals?status=pending&userId=qp-ann", null, 400, "VALIDATION_FAILED");
        assertThat(detail).contains("'userId'").contains("user_id");
    }

    @Test
    @DisplayName("an unknown query parameter is 400 naming it, on queries, commands and audit endpoints alike")
    void unknownParameterRefusedEverywhere() {
        assertThat(refused(HttpMethod.GET, READER, "/api/wallets/balances/qp-ann?verbose=1", null, 400, "VALIDATION_FAILED"))
                .contains("'verbose'");
        assertThat(refused(HttpMethod.GET, READER, "/api/wallets/transactions/qp-ann?currency=BTC&pageSize=5", null, 400,
                "VALIDATION_FAILED")).contains("'pageSize'");
        assertThat(refused(HttpMethod.GET, AUDITOR, "/api/audit/holds?olderThanMinutes=5", null, 400, "VALIDATION_FAILED"))
                .contains("'olderThanMinutes'");
        assertThat(refused(HttpMethod.GET, ADMIN, "/api/withdrawals/qp-w-ann?fields=all", null, 400, "VALIDATION_FAILED"))
                .contains("'fields'");
        assertThat(refused(HttpMethod.POST, WRITER, "/api/ledger/credits?dry_run=true",
                "{\"operation_id\":\"qp-dry\",\"user_id\":\"qp-dry\",\"currency\":\"BTC\",\"amount\":\"1\"}", 400, "VALIDATION_FAILED"))
                .contains("'dry_run'");
        assertThat(refused(HttpMethod.POST, ADMIN, "/api/withdrawals/qp-w-ann/approve?force=1", "{}", 400, "VALIDATION_FAILED"))
                .contains("'force'");
    }

    @Test
    @DisplayName("a command refused for its query parameters changes nothing: the same request without them then takes effect")
    void refusedCommandChangesNothing() {
        String credit = "{\"operation_id\":\"qp-once\",\"user_id\":\"qp-carl\",\"currency\":\"USDT\",\"amount\":\"5\"}";
        refused(HttpMethod.POST, WRITER, "/api/ledger/credits?amount=500", credit, 400, "VALIDATION_FAILED");
        JsonNode applied = post(WRITER, "/api/ledger/credits", credit);
        assertThat(applied.get("available_balance").asText()).isEqualTo("5.000000");
    }

    @Test
    @DisplayName("a parameter given twice is 400; a long or odd name is not echoed whole")
    void repeatedAndOddNames() {
        assertThat(refused(HttpMethod.GET, ADMIN, "/api/withdrawals?status=pending&status=approved", null, 400, "VALIDATION_FAILED"))
                .contains("status").contains("more than once");
        String detail = refused(HttpMethod.GET, ADMIN, "/api/withdrawals?" + "x".repeat(5000) + "=1", null, 400, "VALIDATION_FAILED");
        assertThat(detail.length()).isLessThan(200);
        assertThat(refused(HttpMethod.GET, ADMIN, "/api/withdrawals?a%3Cb%3E=1", null, 400, "VALIDATION_FAILED"))
                .doesNotContain("<b>");
    }

    @Test
    @DisplayName("every query parameter of every endpoint is snake_case")
    void everyParameterSnakeCase() {
        List<String> names = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            for (var parameter : handler.getMethodParameters()) {
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null) {
                    parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
                    names.add(param.name().isEmpty() ? parameter.getParameterName() : param.name());
                }
            }
        });
        assertThat(names).contains("user_id", "status", "older_than_minutes").allMatch(name -> name.matches("[a-z][a-z0-9_]*"));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("withdrawal_id").asText()));
        return ids;
    }
}
