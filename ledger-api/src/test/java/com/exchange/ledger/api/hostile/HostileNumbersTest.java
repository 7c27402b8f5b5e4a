package com.exchange.ledger.api.hostile;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.deposit.TestCanonical;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Numbers whose text is short and whose value is not: {@code 1e-999999999} written out is a billion characters, and
 * rounding {@code 1e999999999} to a currency's precision is a billion-digit integer. In every money field of every
 * endpoint, as a JSON number and as a string, such a number is refused at once with a short problem, and nothing is
 * appended. Before the bound, one of these requests took minutes and gigabytes and answered a 1 GB {@code detail}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileNumbersTest {

    static final String KEY = "numbers-key-0123456789";
    static final String SECRET = "numbers-ipn-secret";
    /** Far more than a refusal needs, far less than expanding one of these numbers takes. */
    static final Duration QUICKLY = Duration.ofSeconds(5);
    static final int SHORT_DETAIL = 200;
    static final AtomicInteger ids = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        LedgerApplication.quietAxon();
        String dataDir = Files.createTempDirectory("ledger-numbers-").toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.mongo-url", () -> "");
        registry.add("ledger.nowpayments-ipn-secret", () -> SECRET);
        registry.add("ledger.api-keys", () -> KEY + "=ledger:write,ledger:read,ledger:admin,ledger:audit");
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoEventStorageEngine engine;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** Short texts with huge or tiny values, as JSON numbers (the exponent is what hurts) and as strings. */
    static final List<String> HOSTILE = List.of("1e-999999999", "1e999999999", "-1e-999999999", "1E+2147483647", "123456789e-2147483647",
            "1e400", "-1e-400", "1" + "0".repeat(999), "\"1e-999999999\"", "\"1e999999999\"", "\"0." + "0".repeat(5000) + "1\"");

    record Endpoint(String method, String path, Map<String, String> fields, List<String> numberFields) {
    }

    static Map<String, String> fields(String... pairs) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return fields;
    }

    /** A valid body per endpoint ({@code ID} is made unique per request); each listed field gets each hostile number. */
    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/ledger/credits", fields("operation_id", "\"hn-ID\"", "user_id", "\"hn-user\"", "currency", "\"ETH\"",
                    "amount", "\"1\""), List.of("amount")),
            new Endpoint("POST", "/api/ledger/debits", fields("operation_id", "\"hn-ID\"", "user_id", "\"hn-user\"", "currency", "\"ETH\"",
                    "amount", "\"0.1\""), List.of("amount")),
            new Endpoint("POST", "/api/ledger/holds", fields("hold_id", "\"hn-ID\"", "user_id", "\"hn-user\"", "currency", "\"ETH\"",
                    "amount", "\"0.1\""), List.of("amount")),
            new Endpoint("POST", "/api/ledger/holds/hn-hold/release", fields("fee", "\"0\""), List.of("fee")),
            new Endpoint("POST", "/api/ledger/transfers", fields("transfer_id", "\"hn-ID\"", "from_user_id", "\"hn-user\"", "to_user_id",
                    "\"hn-other\"", "currency", "\"ETH\"", "amount", "\"0.1\"", "fee", "\"0\""), List.of("amount", "fee")),
            new Endpoint("POST", "/api/savings/transfers", fields("operation_id", "\"hn-ID\"", "user_id", "\"hn-user\"", "currency", "\"ETH\"",
                    "amount", "\"0.1\"", "direction", "\"to_savings\""), List.of("amount")),
            new Endpoint("POST", "/api/withdrawals", fields("withdrawal_id", "\"hn-ID\"", "user_id", "\"hn-user\"", "currency", "\"ETH\"",
                    "amount", "\"0.1\"", "fee", "\"0.001\"", "address", "\"0xabc\""), List.of("amount", "fee")),
            new Endpoint("POST", "/api/p2p/trades", fields("trade_id", "\"hn-ID\"", "seller_id", "\"hn-user\"", "buyer_id", "\"hn-other\"",
                    "currency", "\"ETH\"", "amount", "\"0.1\"", "fee", "\"0\"", "expires_in_seconds", "60"),
                    List.of("amount", "fee", "expires_in_seconds")),
            new Endpoint("POST", "/api/swaps", fields("swap_id", "\"hn-ID\"", "user_id", "\"hn-user\"", "from_currency", "\"ETH\"",
                    "to_currency", "\"BTC\"", "from_amount", "\"0.1\"", "rate", "\"0.05\"", "fee", "\"0\""), List.of("from_amount", "rate", "fee")),
            new Endpoint("POST", "/api/express-buy", fields("order_id", "\"hn-ID\"", "user_id", "\"hn-user\"", "fiat_currency", "\"USD\"",
                    "fiat_amount", "\"100\"", "currency", "\"ETH\"", "amount", "\"0.01\"", "fee", "\"0\"", "payment_ref", "\"hn-ref-ID\""),
                    List.of("fiat_amount", "amount", "fee")),
            new Endpoint("PUT", "/api/referrals/hn-referred-ID", fields("referrer_id", "\"hn-user\"", "commission_rate", "\"0.1\""),
                    List.of("commission_rate")),
            new Endpoint("POST", "/api/payments/nowpayments/ipn", fields("payment_id", "\"hn-ID\"", "payment_status", "\"finished\"",
                    "pay_currency", "\"eth\"", "order_id", "\"hn-user\"", "pay_amount", "0.5", "actually_paid", "0.5"),
                    List.of("actually_paid")),
            // a finished payment that reports nothing arrived is credited its pay_amount
            new Endpoint("POST", "/api/payments/nowpayments/ipn", fields("payment_id", "\"hn-ID\"", "payment_status", "\"finished\"",
                    "pay_currency", "\"eth\"", "order_id", "\"hn-user\"", "pay_amount", "0.5", "actually_paid", "0"),
                    List.of("pay_amount")));

    static Stream<Arguments> hostileNumbers() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (String field : endpoint.numberFields()) {
                for (String number : HOSTILE) {
                    if (endpoint.path().endsWith("/ipn") && number.length() > 400) {
                        continue; // longer than any number the signature check reads: refused unsigned (IpnSignatureTest)
                    }
                    cases.add(Arguments.of(endpoint, field, number));
                }
            }
        }
        return cases.stream();
    }

    static boolean funded;

    @BeforeEach
    void aFundedAccountWithAHold() throws Exception {
        if (funded) {
            return;
        }
        funded = true;
        send("POST", "/api/ledger/credits", "{\"operation_id\":\"hn-fund\",\"user_id\":\"hn-user\",\"currency\":\"ETH\",\"amount\":\"10\"}");
        send("POST", "/api/ledger/holds", "{\"hold_id\":\"hn-hold\",\"user_id\":\"hn-user\",\"currency\":\"ETH\",\"amount\":\"1\"}");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("hostileNumbers")
    @DisplayName("a huge or tiny number in any money field is refused at once, with a short detail, and changes nothing")
    void refusedAtOnce(Endpoint endpoint, String field, String number) throws Exception {
        String id = "n" + ids.incrementAndGet();
        Map<String, String> body = new LinkedHashMap<>(endpoint.fields());
        body.replaceAll((name, value) -> value.replace("ID", id));
        body.put(field, number);
        StringBuilder json = new StringBuilder("{");
        body.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name).append("\":").append(value));
        json.append('}');
        long before = engine.head();

        long started = System.nanoTime();
        HttpResponse<String> answer = send(endpoint.method(), endpoint.path().replace("ID", id), json.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        // a callback's number past what a double holds is also one its signature does not fix
        assertThat(problem.get("code").asText()).isIn("INVALID_AMOUNT", "VALIDATION_FAILED", "NUMBER_NOT_SIGNED");
        assertThat(problem.get("detail").asText()).hasSizeLessThan(SHORT_DETAIL);
        assertThat(took).isLessThan(QUICKLY);
        assertThat(engine.head()).as("a refused request appended events").isEqualTo(before);
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(QUICKLY.multipliedBy(2))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        if (path.endsWith("/ipn")) {
            request.header("x-nowpayments-sig", hmac(TestCanonical.of(json)));
        } else {
            request.header("Authorization", "Bearer " + KEY);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String hmac(String canonical) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
    }
}
