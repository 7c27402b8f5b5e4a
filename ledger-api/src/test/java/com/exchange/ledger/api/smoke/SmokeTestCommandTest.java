package com.exchange.ledger.api.smoke;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.TestStore;
import com.exchange.ledger.api.process.JavaProcess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ledger-admin smoke-test} against the service the test starts, over real HTTP: it passes on a deployment that
 * works and moves everything back; it fails, naming the step, when the deployment's IPN secret is not the one it
 * signs with; a mistake in its arguments is the usage and exit status 2, never a stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT60S")
class SmokeTestCommandTest {

    static final String OPERATOR = "smoke-operator-key-0123";
    static final String AUDITOR = "smoke-auditor-key-01234";
    static final String SECRET = "smoke-ipn-secret-of-the-service";
    static final List<String> STEPS = List.of("service", "deposit", "balances", "withdrawal", "p2p-trade", "portfolio", "allocations",
            "history", "balance-back");

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        LedgerApplication.quietAxon();
        TestStore.register(registry, "ledger-smoke");
        registry.add("ledger.nowpayments-ipn-secret", () -> SECRET);
        registry.add("ledger.api-keys", () -> "operator:" + OPERATOR + "=ledger:read,ledger:write,ledger:admin;" + AUDITOR + "=ledger:audit");
    }

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient http;

    @TempDir
    Path workingDirectory;

    String baseUrl() {
        return "http://localhost:" + port;
    }

    record Run(int exit, String output) {
    }

    static Run smokeTest(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = SmokeTest.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    JsonNode get(String key, String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + key).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    @DisplayName("run as bin/ledger-admin runs it (a process of its own), every step passes, exit 0; the key and secret are never"
            + " printed, the test accounts end at 0 and the system accounts it used where they were")
    void passesAgainstAWorkingDeployment() throws Exception {
        JavaProcess.Result result = JavaProcess.run(workingDirectory, com.exchange.ledger.api.admin.LedgerAdminCommand.class,
                "smoke-test", "--base-url", baseUrl() + "/", "--api-key=" + OPERATOR, "--ipn-secret", SECRET, "--wait-seconds", "60");

        assertThat(result.exitStatus()).as(result.output()).isEqualTo(SmokeTest.EXIT_PASSED);
        for (String step : STEPS) {
            assertThat(result.output()).as(result.output()).containsPattern("(?m)^PASS " + step + ": \\S");
        }
        assertThat(result.output()).doesNotContain("FAIL").doesNotContain("SKIP").doesNotContain(OPERATOR).doesNotContain(SECRET)
                .doesNotContain("\tat ").contains("smoke test PASSED: all 9 steps");
        assertThat(result.output()).contains("USD").contains("allocation_pct sums to 100");

        Matcher run = Pattern.compile("on (smoke-test\\.\\S+)\\.seller and (smoke-test\\.\\S+)\\.buyer").matcher(result.output());
        assertThat(run.find()).as(result.output()).isTrue();
        for (String user : List.of(run.group(1) + ".seller", run.group(2) + ".buyer")) {
            JsonNode history = get(OPERATOR, "/api/wallets/transactions/" + user);
            assertThat(history.get("items")).as("the history stays on the test account").isNotEmpty();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode usdt = get(OPERATOR, "/api/wallets/balances/" + user).get("balances").get(0);
                assertThat(new java.math.BigDecimal(usdt.get("total_balance").asText())).isZero();
            });
        }
        for (String account : List.of("external:nowpayments", "external:withdrawals")) {
            JsonNode balance = get(AUDITOR, "/api/audit/accounts/" + account + "/USDT/balance");
            assertThat(new java.math.BigDecimal(balance.get("balance").asText())).as(account + " moved back").isZero();
        }
    }

    @Test
    @DisplayName("against a deployment whose IPN secret is not the one it signs with, deposit fails with the service's refusal,"
            + " the later steps are skipped, the last line names the step, exit 1; nothing is credited")
    void failsNamingTheStepWhenTheDepositSecretIsWrong() {
        Run run = smokeTest(Map.of("LEDGER_API_KEY", OPERATOR, "NOWPAYMENTS_IPN_SECRET", "not-the-service-secret"),
                "--base-url", baseUrl(), "--wait-seconds", "5");

        assertThat(run.exit()).as(run.output()).isEqualTo(SmokeTest.EXIT_FAILED);
        assertThat(run.output()).contains("PASS service:").containsPattern("(?m)^FAIL deposit: .*401 INVALID_SIGNATURE")
                .contains("NOWPAYMENTS_IPN_SECRET").contains("SKIP withdrawal: not run after deposit failed")
                .doesNotContain("PASS balances").doesNotContain(OPERATOR).doesNotContain("not-the-service-secret").doesNotContain("\tat ");
        List<String> lines = run.output().lines().toList();
        assertThat(lines.get(lines.size() - 1)).startsWith("smoke test FAILED at step deposit");
        Matcher seller = Pattern.compile("on (smoke-test\\.\\S+\\.seller)").matcher(run.output());
        assertThat(seller.find()).isTrue();
        assertThat(get(OPERATOR, "/api/wallets/balances/" + seller.group(1)).get("balances")).as("nothing credited").isEmpty();
    }

    @Test
    @DisplayName("a service that is not there fails the first step with the reason, exit 1")
    void failsWhenTheServiceIsUnreachable() {
        Run run = smokeTest(Map.of("LEDGER_API_KEY", OPERATOR, "NOWPAYMENTS_IPN_SECRET", SECRET), "--base-url", "http://127.0.0.1:1");

        assertThat(run.exit()).as(run.output()).isEqualTo(SmokeTest.EXIT_FAILED);
        assertThat(run.output()).containsPattern("(?m)^FAIL service: GET /actuator/health failed: cannot reach http://127.0.0.1:1/")
                .contains("smoke test FAILED at step service").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("a wrong key fails the first step, before anything is moved, saying so, and never prints the key")
    void aWrongKeyIsSaid() {
        Run run = smokeTest(Map.of("LEDGER_API_KEY", "not-a-key-of-this-service", "NOWPAYMENTS_IPN_SECRET", SECRET),
                "--base-url", baseUrl(), "--wait-seconds", "5");

        assertThat(run.exit()).as(run.output()).isEqualTo(SmokeTest.EXIT_FAILED);
        assertThat(run.output()).containsPattern("(?m)^FAIL service: .*401 UNAUTHORIZED").contains("LEDGER_API_KEY")
                .contains("SKIP deposit").doesNotContain("not-a-key-of-this-service");
    }

    @Test
    @DisplayName("bad arguments: the mistake and the usage, exit 2, nothing sent, no stack trace, no secret echoed")
    void badArgumentsAreUsage() {
        Map<String, String> env = Map.of("LEDGER_API_KEY", OPERATOR, "NOWPAYMENTS_IPN_SECRET", SECRET);
        Map<String, String> mistakes = Map.of(
                "--base-url is required", "",
                "unknown option --frobnicate", "--base-url http://x --frobnicate",
                "--base-url must be http:// or https://", "--base-url ftp://ledger.internal",
                "--base-url is not a URL", "--base-url http://led^ger",
                "--wait-seconds needs a whole number from 1 to 600", "--base-url http://x --wait-seconds 0",
                "--base-url needs a value", "--base-url",
                "--wait-seconds is given twice", "--base-url http://x --wait-seconds 5 --wait-seconds=6",
                "unknown option --api-keys", "--base-url http://x --api-keys=" + OPERATOR);
        mistakes.forEach((message, args) -> {
            Run run = smokeTest(env, args.isEmpty() ? new String[0] : args.split(" "));
            assertThat(run.exit()).as(args + ": " + run.output()).isEqualTo(SmokeTest.EXIT_USAGE);
            assertThat(run.output()).as(args).contains(message).contains("usage: ledger-admin smoke-test").doesNotContain("\tat ")
                    .doesNotContain("PASS").doesNotContain(OPERATOR).doesNotContain(SECRET);
        });

        Run noKey = smokeTest(Map.of("NOWPAYMENTS_IPN_SECRET", SECRET), "--base-url", baseUrl());
        assertThat(noKey.exit()).isEqualTo(SmokeTest.EXIT_USAGE);
        assertThat(noKey.output()).contains("no API key: set LEDGER_API_KEY (or give --api-key)").doesNotContain("PASS");
        Run noSecret = smokeTest(Map.of("LEDGER_API_KEY", OPERATOR), "--base-url", baseUrl());
        assertThat(noSecret.exit()).isEqualTo(SmokeTest.EXIT_USAGE);
        assertThat(noSecret.output()).contains("no NOWPayments IPN secret: set NOWPAYMENTS_IPN_SECRET").doesNotContain(OPERATOR);
        // a secret given where an option was expected is not echoed
        Run stray = smokeTest(env, "--base-url", baseUrl(), "s3cr3t-value-typed-by-mistake");
        assertThat(stray.exit()).isEqualTo(SmokeTest.EXIT_USAGE);
        assertThat(stray.output()).contains("unknown argument").doesNotContain("s3cr3t-value-typed-by-mistake");
    }

    @Test
    @DisplayName("bin/ledger-admin smoke-test without --base-url, as a process: the usage and exit status 2")
    void usageAsAProcess() throws Exception {
        JavaProcess.Result result = JavaProcess.run(workingDirectory, com.exchange.ledger.api.admin.LedgerAdminCommand.class, "smoke-test");

        assertThat(result.exitStatus()).as(result.output()).isEqualTo(SmokeTest.EXIT_USAGE);
        assertThat(result.output()).contains("--base-url is required").contains("usage: ledger-admin smoke-test")
                .contains("exit status").doesNotContain("\tat ");
    }
}
