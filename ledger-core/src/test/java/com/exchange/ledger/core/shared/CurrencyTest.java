package com.exchange.ledger.core.shared;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Currency: amounts are taken only when exact at the currency's precision")
class CurrencyTest {

    private static final Currency BTC = new Currency("BTC", 8);
    private static final Currency ETH = new Currency("ETH", 18);
    private static final Currency USD = new Currency("USD", 2);

    private static void assertInvalidAmount(Runnable parse) {
        assertThatThrownBy(parse::run)
                .isInstanceOfSatisfying(LedgerRejection.class, rejection ->
                        assertThat(rejection.code()).isEqualTo(RejectionCode.INVALID_AMOUNT));
    }

    @Nested
    @DisplayName("parsing a plain decimal string")
    class Parse {

        @ParameterizedTest(name = "BTC \"{0}\" is {1}")
        @CsvSource({
                "0.5, 0.50000000",
                "1, 1.00000000",
                "0.00000001, 0.00000001",
                "12345.12345678, 12345.12345678",
                "0, 0E-8",
                "000.1, 0.10000000",
                "-0.5, -0.50000000"})
        void scalesToPrecision(String text, String expected) {
            Money amount = BTC.parse(text);

            assertThat(amount.currency()).isEqualTo("BTC");
            assertThat(amount.amount()).isEqualTo(new BigDecimal(expected));
            assertThat(amount.amount().scale()).isEqualTo(8);
        }

        @ParameterizedTest(name = "BTC \"{0}\" has too many decimals")
        @ValueSource(strings = {"0.000000001", "1.123456789", "0.000000010001"})
        void moreDecimalsThanAllowed(String text) {
            assertInvalidAmount(() -> BTC.parse(text));
        }

        @Test
        @DisplayName("trailing zeros past the precision are exact, so they are accepted")
        void exactTrailingZeros() {
            assertThat(BTC.parse("0.1000000000").amount()).isEqualTo(new BigDecimal("0.10000000"));
            assertThat(USD.parse("12.500").amount()).isEqualTo(new BigDecimal("12.50"));
            assertThat(BTC.parse("1.000000000000000000000").amount()).isEqualTo(new BigDecimal("1.00000000"));
        }

        @Test
        @DisplayName("eighteen decimals of ETH are kept exactly, no rounding")
        void ethPrecision() {
            assertThat(ETH.parse("0.000000000000000001").amount()).isEqualTo(new BigDecimal("1E-18"));
            assertThat(ETH.parse("9.123456789012345678").toPlainString()).isEqualTo("9.123456789012345678");
            assertInvalidAmount(() -> ETH.parse("0.0000000000000000001"));
        }

        @ParameterizedTest(name = "\"{0}\" is not a plain decimal")
        @ValueSource(strings = {"1e5", "1E5", " 1", "1 ", "1,000", "", "+1", "1.", ".5", "0x10", "1_000", "NaN", "Infinity",
                "١", "1.2.3", "--1", "1-"})
        void notPlain(String text) {
            assertInvalidAmount(() -> BTC.parse(text));
        }

        @ParameterizedTest(name = "a missing string is INVALID_AMOUNT")
        @NullSource
        void missing(String text) {
            assertInvalidAmount(() -> BTC.parse(text));
        }
    }

    @Nested
    @DisplayName("magnitude")
    class Magnitude {

        @Test
        @DisplayName("just below 10^15 is accepted")
        void justBelow() {
            assertThat(BTC.parse("999999999999999.99999999").amount()).isEqualByComparingTo("999999999999999.99999999");
            assertThat(ETH.parse("999999999999999.999999999999999999").amount().precision()).isEqualTo(33);
        }

        @ParameterizedTest(name = "{0} is absurd")
        @ValueSource(strings = {"1000000000000000", "1000000000000000.00000000", "-1000000000000000", "99999999999999999999999"})
        void absurd(String text) {
            assertInvalidAmount(() -> BTC.parse(text));
            assertInvalidAmount(() -> BTC.amount(new BigDecimal(text)));
        }

        @Test
        @DisplayName("exponent forms are judged by value when given as BigDecimal")
        void exponentValues() {
            assertThat(BTC.amount(new BigDecimal("1E+3")).amount()).isEqualTo(new BigDecimal("1000.00000000"));
            assertInvalidAmount(() -> BTC.amount(new BigDecimal("1E+15")));
            assertInvalidAmount(() -> BTC.amount(new BigDecimal("1E-9")));
        }
    }

    @Nested
    @DisplayName("positive amounts")
    class Positive {

        @Test
        @DisplayName("a positive amount is taken")
        void positive() {
            assertThat(BTC.positiveAmount(new BigDecimal("0.00000001"))).isEqualTo(BTC.parse("0.00000001"));
        }

        @ParameterizedTest(name = "{0} is not positive")
        @ValueSource(strings = {"0", "0.00000000", "-0.00000001", "-5"})
        void notPositive(String text) {
            assertInvalidAmount(() -> BTC.positiveAmount(new BigDecimal(text)));
        }

        @Test
        @DisplayName("a missing amount is INVALID_AMOUNT")
        void missing() {
            assertInvalidAmount(() -> BTC.amount(null));
            assertInvalidAmount(() -> BTC.positiveAmount(null));
        }
    }

    @Nested
    @DisplayName("a short number with a huge exponent")
    class HugeExponents {

        /** Written out in full, 1e-999999999 is a billion characters: the refusal must not take that long, nor show it. */
        @ParameterizedTest(name = "{0} is refused at once, its message short")
        @ValueSource(strings = {"1e-999999999", "-1e-999999999", "5e-2147483647", "1e999999999", "-1e999999999", "1E+2147483647",
                "123456789.123456789e-999999", "1e-400", "1e150"})
        @Timeout(2)
        void refusedAtOnce(String number) {
            assertThatThrownBy(() -> ETH.amount(new BigDecimal(number)))
                    .isInstanceOfSatisfying(LedgerRejection.class, rejection -> {
                        assertThat(rejection.code()).isEqualTo(RejectionCode.INVALID_AMOUNT);
                        assertThat(rejection.getMessage()).hasSizeLessThan(120);
                    });
        }

        @Test
        @DisplayName("a refusal shows the number, bounded: plain when short, else elided in exponent form")
        void shownBounded() {
            assertThat(Decimals.shown(new BigDecimal("0.0000000000000000001"))).isEqualTo("0.0000000000000000001");
            assertThat(Decimals.shown(new BigDecimal("1e-999999999"))).isEqualTo("1E-999999999");
            assertThat(Decimals.shown(new BigDecimal("1234567890123456789012345678901234567890123e-999999999")))
                    .hasSize(Decimals.MAX_SHOWN).startsWith("1.2345").endsWith("…E-999999957");
            assertThat(Decimals.shown(new BigDecimal("9".repeat(1000)))).hasSize(Decimals.MAX_SHOWN).endsWith("…");
        }
    }

    @Nested
    @DisplayName("definition")
    class Definition {

        @Test
        @DisplayName("zero is at the currency's scale")
        void zero() {
            assertThat(USD.zero()).isEqualTo(new Money("USD", new BigDecimal("0.00")));
            assertThat(USD.zero().isZero()).isTrue();
        }

        @ParameterizedTest(name = "code \"{0}\" is refused")
        @ValueSource(strings = {"btc", "B", "1BTC", "BTC-X", "ABCDEFGHIJK", ""})
        void badCode(String code) {
            assertThatThrownBy(() -> new Currency(code, 8)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("precision is 0 to 18 decimals")
        void precision() {
            assertThat(new Currency("JPY", 0).parse("5").amount()).isEqualTo(new BigDecimal("5"));
            assertThat(new Currency("JPY", 0).parse("5.0").amount()).isEqualTo(new BigDecimal("5"));
            assertInvalidAmount(() -> new Currency("JPY", 0).parse("5.1"));
            assertThatThrownBy(() -> new Currency("XX", 19)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Currency("XX", -1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Currency(null, 2)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
