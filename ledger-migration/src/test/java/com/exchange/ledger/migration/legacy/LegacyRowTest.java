package com.exchange.ledger.migration.legacy;

import com.exchange.ledger.core.shared.CurrencyTable;
import org.bson.BsonDocument;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Legacy rows: each collection's fields mapped to buckets; a bad row rejected whole with its reason")
class LegacyRowTest {

    private static final CurrencyTable CURRENCIES = CurrencyTable.defaults();

    private static LegacyRow read(LegacyCollection collection, String json) {
        return LegacyRow.read(collection, BsonDocument.parse(json), CURRENCIES);
    }

    private static LegacyRow.Accepted accepted(LegacyCollection collection, String json) {
        LegacyRow row = read(collection, json);
        assertThat(row).isInstanceOf(LegacyRow.Accepted.class);
        return (LegacyRow.Accepted) row;
    }

    @Test
    @DisplayName("internal_balances: balance → available, locked_balance → locked, rounded half-even with the residue kept")
    void internal() {
        LegacyRow.Accepted row = accepted(LegacyCollection.INTERNAL,
                "{_id: 1, user_id: 42, currency: ' btc ', balance: 0.123456785, locked_balance: {$numberDecimal: '0.5'}}");
        assertThat(row.account().key()).isEqualTo("42/BTC");
        assertThat(row.available().amount()).isEqualByComparingTo("0.12345678"); // ...785 → ...78 (half-even)
        assertThat(row.locked().amount()).isEqualByComparingTo("0.5");
        assertThat(row.savings().amount()).isZero();
        assertThat(row.residue()).isEqualByComparingTo("0.000000005");
    }

    @Test
    @DisplayName("trader_balances, crypto_balances (coin, amount) and savings_balances map to their buckets")
    void otherCollections() {
        LegacyRow.Accepted trader = accepted(LegacyCollection.TRADER,
                "{_id: 2, user_id: 'bob', currency: 'USDT', available_balance: '10', locked_balance: 3}");
        assertThat(trader.available().amount()).isEqualByComparingTo("10");
        assertThat(trader.locked().amount()).isEqualByComparingTo("3");
        LegacyRow.Accepted crypto = accepted(LegacyCollection.CRYPTO, "{_id: 3, user_id: 'bob', coin: 'eth', amount: 1.25}");
        assertThat(crypto.account().key()).isEqualTo("bob/ETH");
        assertThat(crypto.available().amount()).isEqualByComparingTo("1.25");
        LegacyRow.Accepted savings = accepted(LegacyCollection.SAVINGS, "{_id: 4, user_id: 'bob', currency: 'BTC', savings_balance: {$numberLong: '2'}}");
        assertThat(savings.savings().amount()).isEqualByComparingTo("2");
        assertThat(savings.available().amount()).isZero();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{_id: 1, currency: 'BTC', balance: 1}                           | user_id is missing",
            "{_id: 1, user_id: '', currency: 'BTC', balance: 1}              | user_id is empty",
            "{_id: 1, user_id: 'a b', currency: 'BTC', balance: 1}           | is not a valid user id",
            "{_id: 1, user_id: 'al', currency: 'XYZ', balance: 1}            | unknown currency XYZ",
            "{_id: 1, user_id: 'al', balance: 1}                             | currency is missing",
            "{_id: 1, user_id: 'al', currency: 'BTC'}                        | amount is missing (balance)",
            "{_id: 1, user_id: 'al', currency: 'BTC', balance: -0.5}         | balance is negative: -0.5",
            "{_id: 1, user_id: 'al', currency: 'BTC', balance: NaN}          | balance: amount is NaN",
            "{_id: 1, user_id: 'al', currency: 'BTC', balance: Infinity}     | balance: amount is infinite",
            "{_id: 1, user_id: 'al', currency: 'BTC', balance: 'ten'}        | is not a number",
            "{_id: 1, user_id: 'al', currency: 'BTC', balance: 1, locked_balance: 'x'} | locked_balance",
            "{_id: 1, user_id: 'al', currency: 'BTC', balance: 1e20}         | must be below",
    })
    void rejected(String json, String reason) {
        LegacyRow row = read(LegacyCollection.INTERNAL, json);
        assertThat(row).isInstanceOfSatisfying(LegacyRow.Rejected.class, r -> assertThat(r.reason()).contains(reason.trim()));
    }

    @Test
    @DisplayName("two fields for one amount must agree; currency and coin must agree")
    void ambiguity() {
        assertThat(read(LegacyCollection.CRYPTO, "{_id: 1, user_id: 'al', currency: 'BTC', balance: 1, amount: 2}"))
                .isInstanceOfSatisfying(LegacyRow.Rejected.class, r -> assertThat(r.reason()).contains("disagree"));
        assertThat(read(LegacyCollection.CRYPTO, "{_id: 1, user_id: 'al', currency: 'BTC', coin: 'ETH', balance: 1}"))
                .isInstanceOfSatisfying(LegacyRow.Rejected.class, r -> assertThat(r.reason()).contains("disagree"));
        assertThat(read(LegacyCollection.CRYPTO, "{_id: 1, user_id: 'al', currency: 'BTC', coin: 'btc', balance: 1, amount: '1.0'}"))
                .isInstanceOf(LegacyRow.Accepted.class);
    }

    @Test
    @DisplayName("a rejected row reports the amount it carried and its currency, for the rejected total")
    void rejectedTotal() {
        assertThat(read(LegacyCollection.TRADER, "{_id: 1, currency: 'usdt', available_balance: 2.5, locked_balance: 1}"))
                .isInstanceOfSatisfying(LegacyRow.Rejected.class, r -> {
                    assertThat(r.currency()).isEqualTo("USDT");
                    assertThat(r.amount()).isEqualByComparingTo("3.5");
                });
    }
}
