package com.exchange.ledger.api.hostile;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.admin.CatchUp;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against every endpoint: generated bodies (wrong types, huge and over-precise numbers, unicode,
 * operator-looking objects, unknown fields, broken JSON), headers (missing, wrong or garbage keys, content types) and
 * path ids (traversal, encoded bytes, very long), plus unsigned, mis-signed and replayed payment callbacks. Every
 * answer must be below 500 and free of stack traces, and a refused request must append nothing to the event store.
 * The number of requests is printed by jqwik's statistics (and asserted at the end).
 */
class HostileInputProperties {

    static final String KEY = "hostile-key-0123456789";
    static final int REQUESTS = 6_000;
    static ConfigurableApplicationContext ledger;
    static HttpClient http;
    static String base;
    static final AtomicInteger sent = new AtomicInteger();

    @BeforeContainer
    static void start() throws Exception {
        LedgerApplication.quietAxon();
        ledger = new SpringApplicationBuilder(LedgerApplication.class).run("--server.port=0",
                "--ledger.data-dir=" + Files.createTempDirectory("ledger-hostile-"), "--ledger.mongo-url=",
                "--ledger.nowpayments-ipn-secret=hostile-ipn-secret", "--logging.level.com.exchange.ledger=error",
                "--ledger.api-keys=" + KEY + "=ledger:write,ledger:read,ledger:admin,ledger:audit");
        base = "http://127.0.0.1:" + ledger.getEnvironment().getProperty("local.server.port");
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterContainer
    static void stop() {
        assertThat(sent.get()).as("hostile requests sent").isGreaterThanOrEqualTo(REQUESTS);
        System.out.println("hostile requests sent: " + sent.get());
        ledger.close();
    }

    record Endpoint(String method, String path, List<String> fields) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/ledger/credits", List.of("operation_id", "user_id", "currency", "amount", "reason", "counter_account")),
            new Endpoint("POST", "/api/ledger/debits", List.of("operation_id", "user_id", "currency", "amount", "reason")),
            new Endpoint("POST", "/api/ledger/holds", List.of("hold_id", "user_id", "currency", "amount", "reason")),
            new Endpoint("POST", "/api/ledger/holds/{id}/release", List.of("to_user_id", "fee", "destination")),
            new Endpoint("POST", "/api/ledger/holds/{id}/unlock", List.of()),
            new Endpoint("POST", "/api/ledger/transfers", List.of("transfer_id", "from_user_id", "to_user_id", "currency", "amount", "fee")),
            new Endpoint("POST", "/api/savings/transfers", List.of("operation_id", "user_id", "currency", "amount", "direction")),
            new Endpoint("POST", "/api/withdrawals", List.of("withdrawal_id", "user_id", "currency", "amount", "fee", "address")),
            new Endpoint("POST", "/api/withdrawals/{id}/approve", List.of("admin_id")),
            new Endpoint("POST", "/api/withdrawals/{id}/reject", List.of("reason", "admin_id")),
            new Endpoint("GET", "/api/withdrawals?status={id}&limit={id}&cursor={id}", List.of()),
            new Endpoint("POST", "/api/p2p/trades", List.of("trade_id", "seller_id", "buyer_id", "currency", "amount", "fee", "expires_in_seconds")),
            new Endpoint("POST", "/api/p2p/trades/{id}/complete", List.of()),
            new Endpoint("POST", "/api/p2p/trades/{id}/cancel", List.of()),
            new Endpoint("POST", "/api/swaps", List.of("swap_id", "user_id", "from_currency", "to_currency", "from_amount", "rate", "fee_currency", "fee")),
            new Endpoint("POST", "/api/express-buy", List.of("order_id", "user_id", "fiat_currency", "fiat_amount", "currency", "amount", "fee", "payment_ref")),
            new Endpoint("PUT", "/api/referrals/{id}", List.of("referrer_id", "commission_rate")),
            new Endpoint("GET", "/api/referrals/{id}", List.of()),
            new Endpoint("GET", "/api/wallets/balances/{id}", List.of()),
            new Endpoint("GET", "/api/wallets/portfolio/{id}", List.of()),
            new Endpoint("GET", "/api/wallets/transactions/{id}?currency={id}&type={id}&limit={id}&cursor={id}", List.of()),
            new Endpoint("GET", "/api/audit/accounts/{id}/{id}/events?limit={id}", List.of()),
            new Endpoint("GET", "/api/audit/accounts/{id}/BTC/balance?at={id}", List.of()),
            new Endpoint("POST", "/api/admin/projections/{id}/rebuild", List.of()),
            new Endpoint("POST", "/api/payments/nowpayments/ipn", List.of("payment_id", "payment_status", "order_id", "pay_currency",
                    "actually_paid", "pay_amount")));

    record Hostile(Endpoint endpoint, String pathId, String body, String authorization, String contentType, String signature) {
    }

    @Provide
    Arbitrary<Hostile> requests() {
        Arbitrary<String> pathIds = Arbitraries.oneOf(ids(), Arbitraries.of("..%2F..%2Fetc", "%00", "%7B%22%24gt%22%3A%22%22%7D", "a%20b",
                "x".repeat(300), "%E2%82%AC", "-1", "1e309", "pending", "wallets"));
        Arbitrary<String> authorization = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("Bearer " + KEY)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + KEY + "x", "bearer " + KEY)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40).map(s -> "Bearer " + s)));
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.just("application/json")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("text/plain", "application/xml", "application/json; charset=latin1", "multipart/form-data")));
        Arbitrary<String> signature = Arbitraries.oneOf(Arbitraries.just("none"), Arbitraries.strings().withCharRange('0', 'f').ofLength(128),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200));
        Arbitrary<Endpoint> endpoint = Arbitraries.of(ENDPOINTS);
        return Combinators.combine(endpoint, pathIds, endpoint.flatMap(HostileInputProperties::body), authorization, contentType, signature)
                .as(Hostile::new);
    }

    private static Arbitrary<String> ids() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_', '.', ':', '@', '/', '$', ' ', 'é', '\u0000')
                .ofMinLength(0).ofMaxLength(140);
    }

    private static Arbitrary<String> body(Endpoint endpoint) {
        Arbitrary<String> value = Arbitraries.oneOf(
                ids().map(HostileInputProperties::quote),
                Arbitraries.of("\"BTC\"", "\"btc\"", "\"XYZ\"", "\"usdttrc20\"", "\"to_savings\"", "\"finished\"", "\"partially_paid\"",
                        "\"0.1\"", "\"1e5\"", "\"-1\"", "\"0.000000001\"", "\"99999999999999999999\"", "\" 1\"", "\"NaN\"", "\"Infinity\"",
                        "1", "0", "-0", "0.5", "1e400", "-1e400", "123456789012345678901234567890", "0.1234567890123456789",
                        "true", "false", "null", "[]", "[1,2]", "{}", "{\"$gt\":\"\"}", "{\"$where\":\"sleep(1000)\"}", "\"\\u0000\"",
                        "\"\\ud800\"", "\"" + "9".repeat(5000) + "\"", "\"system:treasury\"", "\"transit:transfers\"", "60", "2592001"));
        Arbitrary<String> field = Arbitraries.oneOf(endpoint.fields().isEmpty() ? Arbitraries.just("x") : Arbitraries.of(endpoint.fields()),
                Arbitraries.of("unknown", "$set", "amount.value", "__proto__", ""));
        Arbitrary<String> object = Combinators.combine(field, value).as((f, v) -> quote(f) + ":" + v).list().ofMaxSize(9)
                .map(pairs -> "{" + String.join(",", pairs) + "}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, object),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "{", "[", "null", "\"text\"", "{\"a\":1,}", "{'a':1}", "\u0000", "[]",
                        "{\"a\":" + "[".repeat(2000) + "}")),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(300)));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Property(tries = REQUESTS)
    void neverA5xxNeverATraceNeverAChangeOnRefusal(@ForAll("requests") Hostile request) throws Exception {
        MongoEventStorageEngine engine = ledger.getBean(MongoEventStorageEngine.class);
        long before = engine.head();
        String path = request.endpoint().path().replace("{id}", request.pathId().replace("/", "%2F").replace(" ", "%20")
                .replace("\u0000", "%00").replace("é", "%C3%A9").replace("$", "%24").replace("@", "%40"));
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        } catch (IllegalArgumentException notAUri) {
            Statistics.collect("not a URI");
            return;
        }
        if (!request.authorization().isEmpty()) {
            builder.header("Authorization", request.authorization());
        }
        builder.header("Content-Type", request.contentType());
        if (!"none".equals(request.signature())) {
            builder.header("x-nowpayments-sig", request.signature());
        }
        builder.method(request.endpoint().method(), "GET".equals(request.endpoint().method())
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(request.body()));
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        sent.incrementAndGet();
        int status = response.statusCode();
        Statistics.collect(status / 100 + "xx");
        assertThat(status).as("%s %s with %s", request.endpoint().method(), path, request.body()).isLessThan(500);
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "\"trace\"");
        if (status >= 400) {
            assertThat(engine.head()).as("a refused %s %s appended events", request.endpoint().method(), path).isEqualTo(before);
        } else if (!"GET".equals(request.endpoint().method())) {
            // something was accepted: let its processes finish so they are not taken for the next refusal's doing
            CatchUp.await(ledger.getBean(EventProcessingConfiguration.class), List.of("transfer-policy", "product-flows",
                    "referral-commissions"), engine.head(), Duration.ofSeconds(30), Duration.ofSeconds(30), progress -> { });
        }
    }

}
