package com.exchange.ledger.core.shared;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("CurrencyTable: the currencies the ledger keeps and their precision")
class CurrencyTableTest {

    private final CurrencyTable table = CurrencyTable.defaults();

    @Nested
    @DisplayName("the default table")
    class Defaults {

        @ParameterizedTest(name = "{0} has {1} decimals")
        @CsvSource({"BTC,8", "ETH,18", "USDT,6", "USDC,6", "BNB,18", "SOL,9", "XRP,6", "LTC,8", "DOGE,8", "TRX,6",
                "USD,2", "EUR,2", "GBP,2"})
        void decimals(String code, int decimals) {
            assertThat(table.require(code)).isEqualTo(new Currency(code, decimals));
        }

        @Test
        @DisplayName("holds exactly those thirteen currencies, in that order")
        void exactlyThose() {
            assertThat(table.all()).extracting(Currency::code)
                    .containsExactly("BTC", "ETH", "USDT", "USDC", "BNB", "SOL", "XRP", "LTC", "DOGE", "TRX", "USD", "EUR", "GBP");
        }

        @Test
        @DisplayName("cannot be changed through all()")
        void readOnly() {
            assertThatThrownBy(() -> table.all().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    @DisplayName("look-up")
    class LookUp {

        @ParameterizedTest(name = "\"{0}\" is UNKNOWN_CURRENCY")
        @ValueSource(strings = {"XYZ", "btc", "Btc", " BTC", "BTC ", "", "A-VERY-LONG-CODE-THAT-IS-NOT-THERE"})
        void unknown(String code) {
            assertThat(table.find(code)).isEmpty();
            assertThatThrownBy(() -> table.require(code))
                    .isInstanceOfSatisfying(LedgerRejection.class, rejection -> {
                        assertThat(rejection.code()).isEqualTo(RejectionCode.UNKNOWN_CURRENCY);
                        assertThat(rejection.getMessage()).hasSizeLessThan(60);
                    });
        }

        @ParameterizedTest(name = "a missing code is UNKNOWN_CURRENCY")
        @NullSource
        void missing(String code) {
            assertThat(table.find(code)).isEmpty();
            assertThatThrownBy(() -> table.require(code))
                    .isInstanceOfSatisfying(LedgerRejection.class, rejection ->
                            assertThat(rejection.code()).isEqualTo(RejectionCode.UNKNOWN_CURRENCY));
        }
    }

    @Nested
    @DisplayName("configuration")
    class Configuration {

        @Test
        @DisplayName("a custom table holds what it was given")
        void custom() {
            Map<String, Integer> decimals = new LinkedHashMap<>();
            decimals.put("BTC", 8);
            decimals.put("JPY", 0);

            CurrencyTable custom = new CurrencyTable(decimals);

            assertThat(custom.require("JPY").decimals()).isZero();
            assertThat(custom.find("ETH")).isEmpty();
        }

        @Test
        @DisplayName("an empty table is a configuration error")
        void empty() {
            assertThatThrownBy(() -> new CurrencyTable(Map.of())).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("a bad code or precision is a configuration error")
        void badEntry() {
            assertThatThrownBy(() -> new CurrencyTable(Map.of("btc", 8))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CurrencyTable(Map.of("BTC", 19))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new CurrencyTable(Map.of("BTC", -1))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
