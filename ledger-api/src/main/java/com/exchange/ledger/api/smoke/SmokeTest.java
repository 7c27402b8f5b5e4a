package com.exchange.ledger.api.smoke;

import com.exchange.ledger.api.deposit.IpnSignature;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * {@code ledger-admin smoke-test --base-url URL}: the deployment plan's Step 5 against a running deployment, over its
 * public API, on two test accounts of this run ({@code smoke-test.<run id>.seller} and {@code .buyer}; a user id holds
 * no ':'). Each step prints PASS or FAIL with its reason; after a failure the remaining steps are skipped, since each
 * needs the money the previous one moved. The last step moves everything back: the test withdrawal is credited back
 * from {@code external:withdrawals} and the test deposit debited back to {@code external:nowpayments}, so the system
 * accounts end where they began and both test accounts at zero. A failed run leaves what it moved on its test accounts,
 * and says so.
 * <p>
 * Commands answer when their effect is durable; the views (balances, history) follow within moments (ADR 0006), so a
 * step waits for them, at most {@code --wait-seconds}.
 */
public final class SmokeTest {

    public static final int EXIT_PASSED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    static final String CURRENCY = "USDT";
    /** The gateway's ticker; an unlisted ticker is its upper-cased name, so this is USDT whatever the ticker table says. */
    static final String TICKER = "usdt";
    static final BigDecimal DEPOSIT = new BigDecimal("3");
    static final BigDecimal WITHDRAWAL = BigDecimal.ONE;
    static final BigDecimal TRADE = BigDecimal.ONE;
    /** No chain has this address: a payout worker that acts on approved withdrawals cannot send the test one anywhere. */
    static final String NO_PAYOUT_ADDRESS = "smoke-test-no-payout";
    private static final long POLL_NANOS = 200_000_000L;
    /** One call's bound; a step's wait for the views is --wait-seconds on top. */
    private static final java.time.Duration REQUEST_TIMEOUT = java.time.Duration.ofSeconds(30);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public static final String USAGE = """
            usage: ledger-admin smoke-test --base-url URL [--wait-seconds N]
              The deployment plan's smoke tests (Step 5) against the service at URL, on test accounts of this run
              (smoke-test.<run id>.seller and smoke-test.<run id>.buyer, in USDT): health; a signed NOWPayments callback
              of 3 USDT credited with its history entry; balances with USD values; a withdrawal of 1 locked, approved and
              released; a P2P trade of 1 locked and completed; portfolio total = wallet total; allocations summing to 100;
              history visible; then everything moved back (both test accounts end at 0).
              LEDGER_API_KEY          a key with ledger:read, ledger:write and ledger:admin (--api-key K: visible in ps)
              NOWPAYMENTS_IPN_SECRET  the service's IPN secret, to sign the callback (--ipn-secret S: visible in ps)
              --wait-seconds N        how long a step waits for the read views to follow (1-600, default 30)
              exit status: 0 every step passed; 1 a step failed (named in the last line); 2 usage.""";

    private record Step(String name, Supplier<String> check) {
    }

    private final SmokeTestOptions options;
    private final LedgerHttp http;
    private final PrintStream out;
    private final String runId;
    private final String seller;
    private final String buyer;

    private SmokeTest(SmokeTestOptions options, String runId, PrintStream out) {
        this.options = options;
        this.http = new LedgerHttp(options.baseUrl(), options.apiKey(), REQUEST_TIMEOUT);
        this.out = out;
        this.runId = runId;
        this.seller = "smoke-test." + runId + ".seller";
        this.buyer = "smoke-test." + runId + ".buyer";
    }

    /** Runs the smoke test with the arguments after {@code smoke-test}; the environment supplies the key and secret. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out) {
        if (args.contains("--help")) {
            out.println(USAGE);
            return EXIT_PASSED;
        }
        SmokeTestOptions options;
        try {
            options = SmokeTestOptions.parse(args, env);
        } catch (SmokeTestOptions.Invalid mistake) {
            out.println(mistake.getMessage());
            out.println(USAGE);
            return EXIT_USAGE;
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        String runId = RUN_TIME.format(Instant.now()) + "-" + HexFormat.of().formatHex(random);
        return new SmokeTest(options, runId, out).run();
    }

    private int run() {
        out.println("smoke test " + runId + " of " + options.baseUrl() + " on " + seller + " and " + buyer + " (" + CURRENCY + ")");
        List<Step> steps = List.of(new Step("service", this::service), new Step("deposit", this::deposit),
                new Step("balances", this::balances), new Step("withdrawal", this::withdrawal), new Step("p2p-trade", this::trade),
                new Step("portfolio", this::portfolio), new Step("allocations", this::allocations),
                new Step("history", this::history), new Step("balance-back", this::balanceBack));
        String failed = null;
        for (Step step : steps) {
            if (failed != null) {
                out.println("SKIP " + step.name() + ": not run after " + failed + " failed");
                continue;
            }
            try {
                out.println("PASS " + step.name() + ": " + step.check().get());
            } catch (StepFailed failure) {
                out.println("FAIL " + step.name() + ": " + failure.getMessage());
                failed = step.name();
            } catch (RuntimeException unexpected) {
                // an answer of an unexpected shape (a field missing, not a number): the service is not the one this knows
                out.println("FAIL " + step.name() + ": unexpected answer (" + unexpected.getClass().getSimpleName()
                        + (unexpected.getMessage() == null ? "" : ": " + LedgerHttp.quoted(unexpected.getMessage())) + ")");
                failed = step.name();
            }
            out.flush();
        }
        if (failed != null) {
            out.println("smoke test FAILED at step " + failed + "; what it moved is left on " + seller + " and " + buyer
                    + " (GET /api/wallets/balances/{user} shows it)");
            return EXIT_FAILED;
        }
        out.println("smoke test PASSED: all " + steps.size() + " steps; " + seller + " and " + buyer + " are back at 0");
        return EXIT_PASSED;
    }

    private String service() {
        LedgerHttp.Answer health = http.getOpen("actuator/health");
        String status = health.body().path("status").asText("");
        if (health.status() != 200 || !"UP".equals(status)) {
            throw new StepFailed("GET /actuator/health answered " + health.status() + " " + LedgerHttp.quoted(health.body().toString()));
        }
        // the key is checked before anything moves: a read of this run's (empty) seller account
        http.ok("GET /api/wallets/balances (the API key's check)", http.get("api/wallets/balances/" + seller));
        return "GET /actuator/health is UP; the API key reads balances";
    }

    private String deposit() {
        String paymentId = "smoke-test." + runId + ".deposit";
        // written as the gateway's JavaScript signs it (keys sorted, no whitespace), and signed with the given secret
        String callback = "{\"actually_paid\":" + DEPOSIT.toPlainString() + ",\"order_id\":\"" + seller + "\",\"pay_amount\":"
                + DEPOSIT.toPlainString() + ",\"pay_currency\":\"" + TICKER + "\",\"payment_id\":\"" + paymentId
                + "\",\"payment_status\":\"finished\"}";
        String signature = new IpnSignature(options.ipnSecret()).signBody(callback.getBytes(StandardCharsets.UTF_8));
        LedgerHttp.Answer answer = http.postUnauthenticated("api/payments/nowpayments/ipn", callback, "x-nowpayments-sig", signature);
        if (answer.status() == 401) {
            throw new StepFailed("the signed NOWPayments callback was refused: " + answer.refusal()
                    + " (the service's NOWPAYMENTS_IPN_SECRET is not the secret given here)");
        }
        JsonNode deposit = http.ok("the NOWPayments callback", answer);
        requireAmount("the deposit's credited_total", deposit.path("credited_total"), DEPOSIT);
        awaitBalances(seller, DEPOSIT, BigDecimal.ZERO, "the deposit's credit");
        String creditId = "nowpayments:" + paymentId + ":1";
        JsonNode entry = awaitHistory(seller, creditId, "credit");
        requireAmount("the deposit's history entry", entry.path("amount"), DEPOSIT);
        return "signed callback " + paymentId + " credited " + DEPOSIT + " " + CURRENCY + " to " + seller + " (available "
                + DEPOSIT + "); history entry " + creditId + " (credit, " + entry.path("direction").asText() + ")";
    }

    private String balances() {
        JsonNode balances = http.ok("GET balances", http.get("api/wallets/balances/" + seller));
        JsonNode usdt = balanceOf(balances, CURRENCY);
        if (usdt == null) {
            throw new StepFailed("the balances of " + seller + " list no " + CURRENCY);
        }
        if (!usdt.hasNonNull("usd_price") || !usdt.hasNonNull("usd_value")) {
            throw new StepFailed(CURRENCY + " has no USD price or value: " + LedgerHttp.quoted(usdt.toString()));
        }
        BigDecimal total = decimal(usdt.path("total_balance"));
        BigDecimal price = decimal(usdt.path("usd_price"));
        BigDecimal value = decimal(usdt.path("usd_value"));
        if (value.compareTo(total.multiply(price).setScale(2, RoundingMode.HALF_EVEN)) != 0) {
            throw new StepFailed("usd_value " + value + " is not total " + total + " x price " + price);
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode balance : balances.path("balances")) {
            if (balance.hasNonNull("usd_value")) {
                sum = sum.add(decimal(balance.path("usd_value")));
            }
        }
        BigDecimal totalUsd = decimal(balances.path("total_usd"));
        if (totalUsd.compareTo(sum) != 0 || totalUsd.signum() <= 0) {
            throw new StepFailed("total_usd " + totalUsd + " is not the sum of the USD values, " + sum);
        }
        return CURRENCY + " " + total.toPlainString() + " x " + price.toPlainString() + " USD = " + value.toPlainString()
                + " USD; total_usd " + totalUsd.toPlainString();
    }

    private String withdrawal() {
        String id = "smoke-test." + runId + ".withdrawal";
        JsonNode requested = http.ok("POST /api/withdrawals", http.post("api/withdrawals", "{\"withdrawal_id\":\"" + id
                + "\",\"user_id\":\"" + seller + "\",\"currency\":\"" + CURRENCY + "\",\"amount\":\"" + WITHDRAWAL.toPlainString()
                + "\",\"fee\":\"0\",\"address\":\"" + NO_PAYOUT_ADDRESS + "\"}"));
        requireStatus("the withdrawal", requested, "pending");
        BigDecimal left = DEPOSIT.subtract(WITHDRAWAL);
        awaitBalances(seller, left, WITHDRAWAL, "the withdrawal's lock");
        JsonNode approved = http.ok("POST /api/withdrawals/{id}/approve",
                http.post("api/withdrawals/" + id + "/approve", "{\"admin_id\":\"smoke-test\"}"));
        requireStatus("the approved withdrawal", approved, "approved");
        awaitBalances(seller, left, BigDecimal.ZERO, "the approved withdrawal's release");
        return "withdrawal " + id + " of " + WITHDRAWAL + " locked (available " + left + ", locked " + WITHDRAWAL
                + "), approved, released (available " + left + ", locked 0)";
    }

    private String trade() {
        String id = "smoke-test." + runId + ".trade";
        BigDecimal sellerBefore = DEPOSIT.subtract(WITHDRAWAL);
        BigDecimal sellerAfter = sellerBefore.subtract(TRADE);
        JsonNode opened = http.ok("POST /api/p2p/trades", http.post("api/p2p/trades", "{\"trade_id\":\"" + id + "\",\"seller_id\":\""
                + seller + "\",\"buyer_id\":\"" + buyer + "\",\"currency\":\"" + CURRENCY + "\",\"amount\":\"" + TRADE.toPlainString()
                + "\",\"fee\":\"0\",\"expires_in_seconds\":600}"));
        requireStatus("the trade", opened, "open");
        awaitBalances(seller, sellerAfter, TRADE, "the trade's escrow of the seller's funds");
        JsonNode completed = http.ok("POST /api/p2p/trades/{id}/complete", http.post("api/p2p/trades/" + id + "/complete", "{}"));
        requireStatus("the completed trade", completed, "completed");
        awaitBalances(buyer, TRADE, BigDecimal.ZERO, "the buyer's funds");
        awaitBalances(seller, sellerAfter, BigDecimal.ZERO, "the seller's balance after the trade");
        return "trade " + id + " of " + TRADE + ": seller's funds locked, completed; buyer 0 -> " + TRADE + ", seller "
                + sellerBefore + " -> " + sellerAfter;
    }

    private String portfolio() {
        StringBuilder seen = new StringBuilder();
        for (String user : List.of(seller, buyer)) {
            BigDecimal portfolio = decimal(http.ok("GET portfolio", http.get("api/wallets/portfolio/" + user)).path("total_usd"));
            BigDecimal wallet = decimal(http.ok("GET balances", http.get("api/wallets/balances/" + user)).path("total_usd"));
            if (portfolio.compareTo(wallet) != 0) {
                throw new StepFailed("the portfolio of " + user + " totals " + portfolio + " USD, its wallet " + wallet + " USD");
            }
            seen.append(seen.isEmpty() ? "" : ", ").append(role(user)).append(" ").append(portfolio.toPlainString()).append(" USD");
        }
        return "portfolio total_usd = wallet total_usd: " + seen;
    }

    private String allocations() {
        StringBuilder seen = new StringBuilder();
        for (String user : List.of(seller, buyer)) {
            JsonNode portfolio = http.ok("GET portfolio", http.get("api/wallets/portfolio/" + user));
            BigDecimal sum = BigDecimal.ZERO;
            int assets = 0;
            for (JsonNode asset : portfolio.path("assets")) {
                sum = sum.add(decimal(asset.path("allocation_pct")));
                assets++;
            }
            if (assets == 0 || sum.compareTo(new BigDecimal("100")) != 0) {
                throw new StepFailed("the allocations of " + user + " (" + assets + " assets) sum to " + sum.toPlainString() + ", not 100");
            }
            seen.append(seen.isEmpty() ? "" : ", ").append(role(user)).append(" ").append(sum.toPlainString()).append(" %");
        }
        return "allocation_pct sums to 100: " + seen;
    }

    private String history() {
        String withdrawal = "withdrawal:smoke-test." + runId + ".withdrawal";
        String trade = "trade:smoke-test." + runId + ".trade";
        awaitHistory(seller, withdrawal, "lock");
        awaitHistory(seller, withdrawal, "release");
        awaitHistory(seller, trade, "lock");
        awaitHistory(seller, trade, "release");
        JsonNode received = awaitHistory(buyer, trade, "transfer_in");
        requireAmount("the buyer's history entry", received.path("amount"), TRADE);
        return seller + ": deposit credit, withdrawal lock and release, trade lock and release; " + buyer + ": trade transfer_in "
                + TRADE;
    }

    private String balanceBack() {
        String prefix = "smoke-test." + runId + ".back-";
        String reason = "smoke test " + runId + ": moved back";
        BigDecimal sellerLeft = DEPOSIT.subtract(WITHDRAWAL).subtract(TRADE);
        JsonNode returned = http.ok("POST /api/ledger/credits", http.post("api/ledger/credits", command(prefix + "withdrawal", seller,
                WITHDRAWAL, "external:withdrawals", reason)));
        requireAnswer("the withdrawal credited back", returned, sellerLeft.add(WITHDRAWAL));
        JsonNode sellerBack = http.ok("POST /api/ledger/debits", http.post("api/ledger/debits", command(prefix + "deposit-seller", seller,
                sellerLeft.add(WITHDRAWAL), "external:nowpayments", reason)));
        requireAnswer("the seller's part of the deposit debited back", sellerBack, BigDecimal.ZERO);
        JsonNode buyerBack = http.ok("POST /api/ledger/debits", http.post("api/ledger/debits", command(prefix + "deposit-buyer", buyer,
                TRADE, "external:nowpayments", reason)));
        requireAnswer("the buyer's part of the deposit debited back", buyerBack, BigDecimal.ZERO);
        return WITHDRAWAL + " credited back from external:withdrawals, " + DEPOSIT + " debited back to external:nowpayments;"
                + " both test accounts at 0";
    }

    private static String command(String operationId, String user, BigDecimal amount, String counterAccount, String reason) {
        return "{\"operation_id\":\"" + operationId + "\",\"user_id\":\"" + user + "\",\"currency\":\"" + CURRENCY + "\",\"amount\":\""
                + amount.toPlainString() + "\",\"reason\":\"" + reason + "\",\"counter_account\":\"" + counterAccount + "\"}";
    }

    private String role(String user) {
        return user.equals(seller) ? "seller" : "buyer";
    }

    /** Waits until the balances view shows the account at these available and locked amounts. */
    private void awaitBalances(String user, BigDecimal available, BigDecimal locked, String what) {
        String expected = available.stripTrailingZeros().toPlainString() + "/" + locked.stripTrailingZeros().toPlainString();
        long deadline = System.nanoTime() + options.viewWait().toNanos();
        String seen;
        while (true) {
            JsonNode balance = balanceOf(http.ok("GET balances", http.get("api/wallets/balances/" + user)), CURRENCY);
            seen = balance == null ? "no " + CURRENCY + " account"
                    : decimal(balance.path("available_balance")).stripTrailingZeros().toPlainString() + "/"
                    + decimal(balance.path("locked_balance")).stripTrailingZeros().toPlainString();
            if (seen.equals(expected) || System.nanoTime() - deadline > 0) {
                break;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        if (!seen.equals(expected)) {
            throw new StepFailed(what + ": expected " + user + " at available/locked " + expected + ", still " + seen + " after "
                    + options.viewWait().toSeconds() + " s");
        }
    }

    /** Waits until the account's history shows an entry of this operation and type; answers it. */
    private JsonNode awaitHistory(String user, String operationId, String type) {
        long deadline = System.nanoTime() + options.viewWait().toNanos();
        while (true) {
            JsonNode page = http.ok("GET transactions", http.get("api/wallets/transactions/" + user + "?limit=50"));
            for (JsonNode item : page.path("items")) {
                if (operationId.equals(item.path("operation_id").asText()) && type.equals(item.path("type").asText())) {
                    return item;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new StepFailed("the history of " + user + " shows no " + type + " of " + operationId + " after "
                        + options.viewWait().toSeconds() + " s");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static JsonNode balanceOf(JsonNode balances, String currency) {
        for (JsonNode balance : balances.path("balances")) {
            if (currency.equals(balance.path("currency").asText())) {
                return balance;
            }
        }
        return null;
    }

    private static void requireStatus(String what, JsonNode answer, String status) {
        if (!status.equals(answer.path("status").asText())) {
            throw new StepFailed(what + " is " + answer.path("status").asText("(no status)") + ", not " + status);
        }
    }

    private static void requireAmount(String what, JsonNode amount, BigDecimal expected) {
        if (decimal(amount).compareTo(expected) != 0) {
            throw new StepFailed(what + " is " + amount.asText() + ", not " + expected.toPlainString());
        }
    }

    /** A command's answer: the account's balances as its event left them. */
    private static void requireAnswer(String what, JsonNode answer, BigDecimal available) {
        requireAmount(what + ": available_balance", answer.path("available_balance"), available);
        requireAmount(what + ": locked_balance", answer.path("locked_balance"), BigDecimal.ZERO);
    }

    private static BigDecimal decimal(JsonNode node) {
        String text = node.asText("");
        if (!text.matches("-?[0-9]{1,40}(\\.[0-9]{1,40})?")) {
            throw new StepFailed("expected a decimal, the service answered '" + LedgerHttp.quoted(node.toString()) + "'");
        }
        return new BigDecimal(text);
    }
}
