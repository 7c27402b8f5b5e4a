package com.exchange.ledger.core.shared;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Money: an exact signed amount of one currency")
class MoneyTest {

    private static final Currency BTC = new Currency("BTC", 8);
    private static final Currency ETH = new Currency("ETH", 18);

    private static Money btc(String amount) {
        return BTC.parse(amount);
    }

    private static void assertRejected(Runnable action, RejectionCode code) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(LedgerRejection.class, rejection -> assertThat(rejection.code()).isEqualTo(code));
    }

    @Nested
    @DisplayName("arithmetic")
    class Arithmetic {

        @Test
        @DisplayName("adds and subtracts exactly, without float error")
        void exact() {
            assertThat(btc("0.1").plus(btc("0.2"))).isEqualTo(btc("0.3"));
            assertThat(btc("0.3").minus(btc("0.1"))).isEqualTo(btc("0.2"));
            assertThat(btc("0.00000001").minus(btc("0.00000002"))).isEqualTo(btc("-0.00000001"));
        }

        @Test
        @DisplayName("keeps every one of 18 decimals")
        void eighteenDecimals() {
            Money wei = ETH.parse("0.000000000000000001");

            assertThat(ETH.parse("1").plus(wei).toPlainString()).isEqualTo("1.000000000000000001");
        }

        @Test
        @DisplayName("negates")
        void negate() {
            assertThat(btc("0.5").negate()).isEqualTo(btc("-0.5"));
            assertThat(btc("0.5").negate().negate()).isEqualTo(btc("0.5"));
        }

        @Test
        @DisplayName("never combines two currencies: CURRENCY_MISMATCH")
        void currencyMismatch() {
            Money eth = ETH.parse("1");

            assertRejected(() -> btc("1").plus(eth), RejectionCode.CURRENCY_MISMATCH);
            assertRejected(() -> btc("1").minus(eth), RejectionCode.CURRENCY_MISMATCH);
            assertRejected(() -> btc("1").compareTo(eth), RejectionCode.CURRENCY_MISMATCH);
        }

        @Test
        @DisplayName("a sum that reaches 10^16 is out of range: INVALID_AMOUNT")
        void sumOutOfRange() {
            Money big = new Money("BTC", new BigDecimal("9999999999999999.00000000"));

            assertRejected(() -> big.plus(btc("1")), RejectionCode.INVALID_AMOUNT);
            assertThat(big.plus(btc("0.99999999")).toPlainString()).isEqualTo("9999999999999999.99999999");
        }
    }

    @Nested
    @DisplayName("signs and order")
    class Signs {

        @Test
        @DisplayName("tells positive, zero and negative apart")
        void signs() {
            assertThat(btc("0.00000001").isPositive()).isTrue();
            assertThat(btc("0").isZero()).isTrue();
            assertThat(btc("0").isPositive()).isFalse();
            assertThat(btc("-0.00000001").isNegative()).isTrue();
        }

        @Test
        @DisplayName("requirePositive refuses zero and below; requireNotNegative refuses only below")
        void requirements() {
            assertThat(btc("1").requirePositive("amount")).isEqualTo(btc("1"));
            assertRejected(() -> btc("0").requirePositive("amount"), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> btc("-1").requirePositive("amount"), RejectionCode.INVALID_AMOUNT);
            assertThat(btc("0").requireNotNegative("fee")).isEqualTo(btc("0"));
            assertRejected(() -> btc("-0.00000001").requireNotNegative("fee"), RejectionCode.INVALID_AMOUNT);
        }

        @Test
        @DisplayName("orders by value, whatever the scale")
        void order() {
            assertThat(btc("0.5")).isLessThan(btc("0.50000001"));
            assertThat(new Money("BTC", new BigDecimal("0.5")).compareTo(btc("0.5"))).isZero();
        }
    }

    @Nested
    @DisplayName("range and shape")
    class Range {

        @Test
        @DisplayName("below 10^16 and at most 18 decimals; otherwise INVALID_AMOUNT")
        void bounds() {
            assertThat(new Money("ETH", new BigDecimal("9999999999999999.999999999999999999")).amount().precision()).isEqualTo(34);
            assertRejected(() -> new Money("BTC", Money.BALANCE_LIMIT), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new Money("BTC", Money.BALANCE_LIMIT.negate()), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new Money("ETH", new BigDecimal("1E-19")), RejectionCode.INVALID_AMOUNT);
        }

        @Test
        @DisplayName("an exponent form is stored plain")
        void negativeScale() {
            Money thousand = new Money("BTC", new BigDecimal("1E+3"));

            assertThat(thousand.amount().scale()).isZero();
            assertThat(thousand.toPlainString()).isEqualTo("1000");
        }

        @Test
        @DisplayName("a currency code of the wrong shape is UNKNOWN_CURRENCY")
        void badCode() {
            assertRejected(() -> new Money("btc", BigDecimal.ONE), RejectionCode.UNKNOWN_CURRENCY);
            assertRejected(() -> new Money(null, BigDecimal.ONE), RejectionCode.UNKNOWN_CURRENCY);
        }

        @Test
        @DisplayName("a missing amount is refused")
        void missingAmount() {
            assertThatThrownBy(() -> new Money("BTC", null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        @Timeout(2)
        @DisplayName("a huge exponent is refused on its size before it is rescaled, and shown bounded")
        void hugeExponent() {
            assertThatThrownBy(() -> new Money("BTC", new BigDecimal("1e999999999")))
                    .isInstanceOfSatisfying(LedgerRejection.class, rejection -> {
                        assertThat(rejection.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
                        assertThat(rejection.getMessage()).contains("1E+999999999").hasSizeLessThan(80);
                    });
            assertRejected(() -> new Money("BTC", new BigDecimal("1e-999999999")), RejectionCode.INVALID_AMOUNT);
            assertThat(new Money("BTC", new BigDecimal("1e3")).amount()).isEqualTo(new BigDecimal("1000"));
        }

        @Test
        @DisplayName("prints plainly, never in exponent form")
        void printing() {
            assertThat(btc("0.5").toString()).isEqualTo("0.50000000 BTC");
            assertThat(btc("0").toPlainString()).isEqualTo("0.00000000");
            assertThat(Money.zero(BTC).toPlainString()).isEqualTo("0.00000000");
            assertThat(ETH.parse("0.000000000000000001").toPlainString()).isEqualTo("0.000000000000000001");
        }
    }
}
