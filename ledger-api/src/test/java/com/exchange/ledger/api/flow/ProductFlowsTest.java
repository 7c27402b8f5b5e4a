package com.exchange.ledger.api.flow;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.TestStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.AutoConfigureWebTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every product flow over real HTTP on the embedded store: happy paths, refusals, repeats, out-of-order callbacks. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// a deadline for a loaded CI machine, not a measure: the default 5 s failed a page load there (issue 19)
@AutoConfigureWebTestClient(timeout = "PT60S")
class ProductFlowsTest {

    static final String WRITER = "flows-writer-key-0123";
    static final String READER = "flows-reader-key-0123";
    static final String ADMIN = "flows-admin-key-01234";
    static final String AUDITOR = "flows-audit-key-01234";
    static final String SECRET = "ipn-test-secret";
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        LedgerApplication.quietAxon();
        TestStore.register(registry, "ledger-flows");
        registry.add("ledger.nowpayments-ipn-secret", () -> SECRET);
        registry.add("ledger.flows.sweep-interval", () -> "200ms");
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write;" + READER + "=ledger:read;" + ADMIN + "=ledger:admin;"
                + AUDITOR + "=ledger:audit");
    }

    @Autowired
    WebTestClient http;

    WebTestClient.ResponseSpec post(String key, String path, String json) {
        return http.post().uri(path).header("Authorization", "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange();
    }

    JsonNode ok(String key, String path, String json) {
        return post(key, path, json).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    void refused(String key, String path, String json, int status, String code) {
        post(key, path, json).expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo(code).jsonPath("$.trace").doesNotExist();
    }

    WebTestClient.ResponseSpec put(String key, String path, String json) {
        return http.put().uri(path).header("Authorization", "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange();
    }

    JsonNode get(String key, String path) {
        return http.get().uri(path).header("Authorization", "Bearer " + key).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    void credit(String operation, String user, String currency, String amount) {
        ok(WRITER, "/api/ledger/credits", "{\"operation_id\":\"" + operation + "\",\"user_id\":\"" + user + "\",\"currency\":\""
                + currency + "\",\"amount\":\"" + amount + "\"}");
    }

    /** available/locked/savings of one account as the wallets view shows it ("-" when it has none). */
    String balances(String user, String currency) {
        for (JsonNode balance : get(READER, "/api/wallets/balances/" + user).get("balances")) {
            if (balance.get("currency").asText().equals(currency)) {
                return balance.get("available_balance").asText() + "/" + balance.get("locked_balance").asText();
            }
        }
        return "-";
    }

    void awaitBalances(String user, String currency, String expected) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(balances(user, currency)).isEqualTo(expected));
    }

    @Nested
    @DisplayName("withdrawals")
    class Withdrawals {

        @Test
        @DisplayName("a request locks amount + fee; an admin approval sends the amount out and the fee to system:fees, once")
        void approve() {
            credit("w-fund-1", "wanda", "BTC", "1");
            awaitBalances("wanda", "BTC", "1.00000000/0.00000000");
            String request = "{\"withdrawal_id\":\"w-1\",\"user_id\":\"wanda\",\"currency\":\"BTC\",\"amount\":\"0.5\",\"fee\":\"0.0005\",\"address\":\"bc1qxyz\"}";
            JsonNode requested = ok(WRITER, "/api/withdrawals", request);
            assertThat(requested.get("status").asText()).isEqualTo("pending");
            assertThat(requested.get("amount").asText()).isEqualTo("0.50000000");
            assertThat(ok(WRITER, "/api/withdrawals", request).get("status").asText()).isEqualTo("pending");
            refused(WRITER, "/api/withdrawals", request.replace("bc1qxyz", "bc1qother"), 409, "OPERATION_CONFLICT");
            awaitBalances("wanda", "BTC", "0.49950000/0.50050000");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(get(READER, "/api/withdrawals?status=pending").get("items").toString()).contains("\"w-1\""));

            refused(WRITER, "/api/withdrawals/w-1/approve", "{}", 403, "FORBIDDEN");
            JsonNode approved = ok(ADMIN, "/api/withdrawals/w-1/approve", "{\"admin_id\":\"ops-1\"}");
            assertThat(approved.get("status").asText()).isEqualTo("approved");
            assertThat(approved.get("decided_by").asText()).isEqualTo("ops-1");
            assertThat(ok(ADMIN, "/api/withdrawals/w-1/approve", "{}").get("status").asText()).isEqualTo("approved");
            refused(ADMIN, "/api/withdrawals/w-1/reject", "{\"reason\":\"too late\"}", 409, "WITHDRAWAL_NOT_PENDING");
            awaitBalances("wanda", "BTC", "0.49950000/0.00000000");
            await().atMost(PATIENCE).untilAsserted(() -> {
                assertThat(get(READER, "/api/withdrawals?status=pending").get("items").toString()).doesNotContain("\"w-1\"");
                assertThat(get(ADMIN, "/api/withdrawals/w-1").get("status").asText()).isEqualTo("approved");
            });
        }

        @Test
        @DisplayName("a rejection returns amount + fee; an unknown withdrawal is 404")
        void reject() {
            credit("w-fund-2", "rex", "USDT", "100");
            ok(WRITER, "/api/withdrawals", "{\"withdrawal_id\":\"w-2\",\"user_id\":\"rex\",\"currency\":\"USDT\",\"amount\":\"60\",\"fee\":\"1\",\"address\":\"TXabc\"}");
            JsonNode rejected = ok(ADMIN, "/api/withdrawals/w-2/reject", "{\"reason\":\"address on a sanctions list\"}");
            assertThat(rejected.get("status").asText()).isEqualTo("rejected");
            refused(ADMIN, "/api/withdrawals/w-2/approve", "{}", 409, "WITHDRAWAL_NOT_PENDING");
            awaitBalances("rex", "USDT", "100.000000/0.000000");
            refused(ADMIN, "/api/withdrawals/nope/approve", "{}", 404, "NOT_FOUND");
        }

        @Test
        @DisplayName("a withdrawal beyond the balance is 422, locks nothing, and answers the same refusal when repeated")
        void insufficientFunds() {
            credit("w-fund-3", "ivy", "ETH", "1");
            String request = "{\"withdrawal_id\":\"w-3\",\"user_id\":\"ivy\",\"currency\":\"ETH\",\"amount\":\"1\",\"fee\":\"0.01\",\"address\":\"0xabc\"}";
            refused(WRITER, "/api/withdrawals", request, 422, "INSUFFICIENT_FUNDS");
            credit("w-fund-3b", "ivy", "ETH", "1");
            refused(WRITER, "/api/withdrawals", request, 422, "INSUFFICIENT_FUNDS");
            awaitBalances("ivy", "ETH", "2.000000000000000000/0.000000000000000000");
            refused(WRITER, "/api/withdrawals", request.replace("\"0xabc\"", "\"has space\""), 400, "VALIDATION_FAILED");
            refused(WRITER, "/api/withdrawals", request.replace("w-3", "w-3x").replace("\"1\"", "\"-1\""), 400, "INVALID_AMOUNT");
        }
    }

    @Nested
    @DisplayName("P2P trades")
    class Trades {

        @Test
        @DisplayName("open escrows the seller's amount; complete pays the buyer less the fee; cancel after completion is 409")
        void complete() {
            credit("t-fund-1", "sam", "USDT", "500");
            String open = "{\"trade_id\":\"t-1\",\"seller_id\":\"sam\",\"buyer_id\":\"bea\",\"currency\":\"USDT\",\"amount\":\"200\",\"fee\":\"2\",\"expires_in_seconds\":600}";
            assertThat(ok(WRITER, "/api/p2p/trades", open).get("status").asText()).isEqualTo("open");
            awaitBalances("sam", "USDT", "300.000000/200.000000");
            assertThat(ok(WRITER, "/api/p2p/trades/t-1/complete", "{}").get("status").asText()).isEqualTo("completed");
            assertThat(ok(WRITER, "/api/p2p/trades/t-1/complete", "{}").get("status").asText()).isEqualTo("completed");
            refused(WRITER, "/api/p2p/trades/t-1/cancel", "{}", 409, "TRADE_NOT_OPEN");
            awaitBalances("sam", "USDT", "300.000000/0.000000");
            awaitBalances("bea", "USDT", "198.000000/0.000000");
        }

        @Test
        @DisplayName("cancel returns the escrow; a seller without the funds is 422")
        void cancel() {
            credit("t-fund-2", "sol", "BTC", "0.1");
            ok(WRITER, "/api/p2p/trades", "{\"trade_id\":\"t-2\",\"seller_id\":\"sol\",\"buyer_id\":\"bo\",\"currency\":\"BTC\",\"amount\":\"0.1\",\"fee\":\"0\",\"expires_in_seconds\":600}");
            assertThat(ok(WRITER, "/api/p2p/trades/t-2/cancel", "{}").get("status").asText()).isEqualTo("cancelled");
            awaitBalances("sol", "BTC", "0.10000000/0.00000000");
            refused(WRITER, "/api/p2p/trades", "{\"trade_id\":\"t-3\",\"seller_id\":\"sol\",\"buyer_id\":\"bo\",\"currency\":\"BTC\",\"amount\":\"0.2\",\"fee\":\"0\",\"expires_in_seconds\":600}",
                    422, "INSUFFICIENT_FUNDS");
            refused(WRITER, "/api/p2p/trades", "{\"trade_id\":\"t-4\",\"seller_id\":\"sol\",\"buyer_id\":\"sol\",\"currency\":\"BTC\",\"amount\":\"0.01\",\"fee\":\"0\",\"expires_in_seconds\":600}",
                    400, "SAME_ACCOUNT");
            refused(WRITER, "/api/p2p/trades", "{\"trade_id\":\"t-5\",\"seller_id\":\"sol\",\"buyer_id\":\"bo\",\"currency\":\"BTC\",\"amount\":\"0.01\",\"fee\":\"0\",\"expires_in_seconds\":0}",
                    400, "VALIDATION_FAILED");
        }

        @Test
        @DisplayName("a trade still open at its expiry is cancelled by the ledger itself and cannot be completed")
        void expiry() {
            credit("t-fund-6", "exa", "ETH", "2");
            ok(WRITER, "/api/p2p/trades", "{\"trade_id\":\"t-6\",\"seller_id\":\"exa\",\"buyer_id\":\"ben\",\"currency\":\"ETH\",\"amount\":\"1.5\",\"fee\":\"0.01\",\"expires_in_seconds\":1}");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(balances("exa", "ETH"))
                    .isEqualTo("2.000000000000000000/0.000000000000000000"));
            // the balance above is also what it was before the lock was projected: wait for the expiry itself
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(http.get().uri("/api/p2p/trades/t-6").header("Authorization", "Bearer " + READER)
                    .exchange().expectBody(JsonNode.class).returnResult().getResponseBody().path("status").asText()).isEqualTo("expired"));
            refused(WRITER, "/api/p2p/trades/t-6/complete", "{}", 409, "TRADE_NOT_OPEN");
            assertThat(balances("ben", "ETH")).isEqualTo("-");
        }
    }

    @Nested
    @DisplayName("swaps")
    class Swaps {

        @Test
        @DisplayName("a swap debits one currency, credits the other at the rate, the fee to system:fees; repeated, it moves nothing more")
        void swap() {
            credit("s-fund-1", "sue", "USDT", "1000");
            String swap = "{\"swap_id\":\"s-1\",\"user_id\":\"sue\",\"from_currency\":\"USDT\",\"to_currency\":\"BTC\",\"from_amount\":\"970\","
                    + "\"rate\":\"0.0000103\",\"fee_currency\":\"USDT\",\"fee\":\"3\"}";
            JsonNode done = ok(WRITER, "/api/swaps", swap);
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.get("to_amount").asText()).isEqualTo("0.00999100");
            assertThat(ok(WRITER, "/api/swaps", swap)).isEqualTo(done);
            awaitBalances("sue", "USDT", "27.000000/0.000000");
            awaitBalances("sue", "BTC", "0.00999100/0.00000000");
            ok(WRITER, "/api/swaps", "{\"swap_id\":\"s-2\",\"user_id\":\"sue\",\"from_currency\":\"BTC\",\"to_currency\":\"USDT\",\"from_amount\":\"0.001\","
                    + "\"rate\":\"97000\",\"fee_currency\":\"USDT\",\"fee\":\"0.5\"}");
            awaitBalances("sue", "USDT", "123.500000/0.000000");
            awaitBalances("sue", "BTC", "0.00899100/0.00000000");
        }

        @Test
        @DisplayName("a swap beyond the balance is 422 and changes nothing; a bad rate is 400")
        void refusedSwap() {
            credit("s-fund-3", "sid", "USDT", "10");
            refused(WRITER, "/api/swaps", "{\"swap_id\":\"s-3\",\"user_id\":\"sid\",\"from_currency\":\"USDT\",\"to_currency\":\"BTC\",\"from_amount\":\"10\","
                    + "\"rate\":\"0.00001\",\"fee_currency\":\"USDT\",\"fee\":\"0.01\"}", 422, "INSUFFICIENT_FUNDS");
            refused(WRITER, "/api/swaps", "{\"swap_id\":\"s-4\",\"user_id\":\"sid\",\"from_currency\":\"USDT\",\"to_currency\":\"BTC\",\"from_amount\":\"1\","
                    + "\"rate\":\"-2\",\"fee_currency\":\"USDT\",\"fee\":\"0\"}", 400, "VALIDATION_FAILED");
            refused(WRITER, "/api/swaps", "{\"swap_id\":\"s-5\",\"user_id\":\"sid\",\"from_currency\":\"USDT\",\"to_currency\":\"BTC\",\"from_amount\":\"1\","
                    + "\"rate\":\"0.00001\",\"fee_currency\":\"ETH\",\"fee\":\"0\"}", 400, "CURRENCY_MISMATCH");
            awaitBalances("sid", "USDT", "10.000000/0.000000");
            assertThat(balances("sid", "BTC")).isEqualTo("-");
        }
    }

    @Nested
    @DisplayName("express buy")
    class ExpressBuys {

        @Test
        @DisplayName("a confirmed fiat payment credits the crypto less the fee, once per order and once per payment_ref")
        void buy() {
            String order = "{\"order_id\":\"o-1\",\"user_id\":\"eve\",\"fiat_currency\":\"EUR\",\"fiat_amount\":\"100.00\",\"currency\":\"ETH\","
                    + "\"amount\":\"0.03\",\"fee\":\"0.0003\",\"payment_ref\":\"card-9f3\"}";
            JsonNode done = ok(WRITER, "/api/express-buy", order);
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(ok(WRITER, "/api/express-buy", order)).isEqualTo(done);
            refused(WRITER, "/api/express-buy", order.replace("o-1", "o-2"), 409, "OPERATION_CONFLICT");
            awaitBalances("eve", "ETH", "0.029700000000000000/0.000000000000000000");
        }
    }

    @Nested
    @DisplayName("NOWPayments deposits")
    class Deposits {

        String callback(String paymentId, String user, String status, String actuallyPaid, String ticker) {
            return "{\"payment_id\":" + paymentId + ",\"payment_status\":\"" + status + "\",\"pay_address\":\"addr\",\"price_amount\":100,"
                    + "\"price_currency\":\"usd\",\"pay_amount\":100.50,\"actually_paid\":" + actuallyPaid + ",\"pay_currency\":\"" + ticker
                    + "\",\"order_id\":\"" + user + "\",\"outcome_amount\":99.9,\"outcome_currency\":\"" + ticker + "\"}";
        }

        WebTestClient.ResponseSpec ipn(String body, String signature) {
            var request = http.post().uri("/api/payments/nowpayments/ipn").contentType(MediaType.APPLICATION_JSON);
            if (signature != null) {
                request = request.header("x-nowpayments-sig", signature);
            }
            return request.bodyValue(body).exchange();
        }

        JsonNode delivered(String body) {
            return ipn(body, sign(body)).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        }

        @Test
        @DisplayName("partially_paid credits what arrived, finished the rest; repeats and reordering never credit twice")
        void creditsOnce() {
            String partial = callback("7001", "dora", "partially_paid", "40.25", "usdttrc20");
            String finished = callback("7001", "dora", "finished", "100.50", "usdttrc20");
            String waiting = callback("7001", "dora", "waiting", "0", "usdttrc20");
            assertThat(delivered(waiting).get("credited_total").asText()).isEqualTo("0.000000");
            assertThat(delivered(partial).get("credited_total").asText()).isEqualTo("40.250000");
            assertThat(delivered(partial).get("credited_total").asText()).isEqualTo("40.250000");
            assertThat(delivered(finished).get("credited_total").asText()).isEqualTo("100.500000");
            JsonNode late = delivered(partial);
            assertThat(late.get("credited_total").asText()).isEqualTo("100.500000");
            assertThat(late.get("review_required").asBoolean()).isTrue();
            assertThat(delivered(finished).get("credits").asInt()).isEqualTo(2);
            awaitBalances("dora", "USDT", "100.500000/0.000000");
        }

        @Test
        @DisplayName("a wrong or missing signature is 401 INVALID_SIGNATURE and credits nothing")
        void badSignature() {
            String body = callback("7002", "mal", "finished", "5", "btc");
            ipn(body, null).expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("INVALID_SIGNATURE");
            ipn(body, sign(body.replace("\"5\"", "\"6\"")).replace('a', 'b')).expectStatus().isUnauthorized();
            ipn(body.replace("5,", "50,"), sign(body)).expectStatus().isUnauthorized();
            ipn(body, "not-hex").expectStatus().isUnauthorized();
            assertThat(balances("mal", "BTC")).isEqualTo("-");
            delivered(callback("7003", "mal", "finished", "0.5", "btc"));
            awaitBalances("mal", "BTC", "0.50000000/0.00000000");
        }

        @Test
        @DisplayName("the body is signed as JavaScript re-serialises it: 100.50 signed as 100.5, keys sorted")
        void javascriptSerialisation() {
            String body = callback("7004", "jay", "finished", "1.10", "usdterc20");
            String canonical = "{\"actually_paid\":1.1,\"order_id\":\"jay\",\"outcome_amount\":99.9,\"outcome_currency\":\"usdterc20\","
                    + "\"pay_address\":\"addr\",\"pay_amount\":100.5,\"pay_currency\":\"usdterc20\",\"payment_id\":7004,"
                    + "\"payment_status\":\"finished\",\"price_amount\":100,\"price_currency\":\"usd\"}";
            ipn(body, hmac(canonical)).expectStatus().isOk();
            awaitBalances("jay", "USDT", "1.100000/0.000000");
        }

        @Test
        @DisplayName("a callback signed for 0.5 and resent as 0.500000000000000049 with the same signature is refused, nothing credited")
        void digitsTheSignatureDoesNotFix() {
            String signed = callback("7005", "iris", "finished", "0.5", "eth");
            String resent = callback("7005", "iris", "finished", "0.500000000000000049", "eth");
            String signature = sign(signed);
            assertThat(sign(resent)).as("JavaScript reads both as 0.5: one signature").isEqualTo(signature);

            ipn(resent, signature).expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("NUMBER_NOT_SIGNED")
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("actually_paid", "0.5"));
            assertThat(balances("iris", "ETH")).isEqualTo("-");

            assertThat(ipn(signed, signature).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                    .get("credited_total").asText()).isEqualTo("0.500000000000000000");
            awaitBalances("iris", "ETH", "0.500000000000000000/0.000000000000000000");
        }

        @Test
        @DisplayName("payment ids past 2^53 that JavaScript reads as one number: one signature credits one payment, not two")
        void paymentIdsPastTwoToThe53() {
            String exact = callback("9007199254740992", "max", "finished", "1.5", "usdttrc20");
            String sibling = callback("9007199254740993", "max", "finished", "1.5", "usdttrc20");
            String signature = sign(exact);
            assertThat(sign(sibling)).isEqualTo(signature);

            assertThat(ipn(exact, signature).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                    .get("payment_id").asText()).isEqualTo("9007199254740992");
            ipn(sibling, signature).expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("NUMBER_NOT_SIGNED");
            String numericUser = callback("7006", "x", "finished", "1", "usdttrc20").replace("\"order_id\":\"x\"", "\"order_id\":9007199254740993");
            ipn(numericUser, sign(numericUser)).expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("NUMBER_NOT_SIGNED");
            awaitBalances("max", "USDT", "1.500000/0.000000");
            assertThat(get(READER, "/api/wallets/transactions/max").get("items")).hasSize(1);
        }

        String sign(String body) {
            return hmac(com.exchange.ledger.api.deposit.TestCanonical.of(body));
        }
    }

    @Nested
    @DisplayName("referral commissions")
    class Referrals {

        @Test
        @DisplayName("every fee a referred user pays credits the referrer fee × rate from system:fees, once")
        void commission() {
            put(WRITER, "/api/referrals/rita", "{\"referrer_id\":\"ralph\",\"commission_rate\":\"0.2\"}").expectStatus().isOk();
            credit("r-fund-1", "rita", "USDT", "100");
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(get(READER, "/api/referrals/rita").get("referrer_id").asText()).isEqualTo("ralph"));
            ok(WRITER, "/api/ledger/transfers", "{\"transfer_id\":\"r-t-1\",\"from_user_id\":\"rita\",\"to_user_id\":\"rob\",\"currency\":\"USDT\",\"amount\":\"50\",\"fee\":\"1.5\"}");
            awaitBalances("ralph", "USDT", "0.300000/0.000000");
            put(WRITER, "/api/referrals/rita", "{\"referrer_id\":\"rita\",\"commission_rate\":\"0.2\"}").expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("SELF_REFERRAL");
            put(WRITER, "/api/referrals/rita", "{\"referrer_id\":\"ralph\",\"commission_rate\":\"1.5\"}").expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED");
        }
    }

    static String hmac(String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
