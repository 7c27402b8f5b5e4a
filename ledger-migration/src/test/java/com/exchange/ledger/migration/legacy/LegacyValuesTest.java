package com.exchange.ledger.migration.legacy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.bson.BsonDecimal128;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonBoolean;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Legacy values: every stored type read exactly, or refused with a reason")
class LegacyValuesTest {

    private static BigDecimal present(LegacyValues.Amount amount) {
        assertThat(amount).isInstanceOf(LegacyValues.Present.class);
        return ((LegacyValues.Present) amount).value();
    }

    @Test
    @DisplayName("a double is taken by its shortest decimal form, not its binary expansion")
    void doubles() {
        assertThat(present(LegacyValues.amount(new BsonDouble(0.1)))).isEqualByComparingTo("0.1");
        assertThat(present(LegacyValues.amount(new BsonDouble(0.1 + 0.2)))).isEqualByComparingTo("0.30000000000000004");
        assertThat(present(LegacyValues.amount(new BsonDouble(1e-8)))).isEqualByComparingTo("0.00000001");
        assertThat(present(LegacyValues.amount(new BsonDouble(25.5)))).isEqualByComparingTo("25.5");
        assertThat(present(LegacyValues.amount(new BsonDouble(-0.0)))).isEqualByComparingTo("0");
        assertThat(present(LegacyValues.amount(new BsonDouble(2e23)))).isEqualByComparingTo("2E+23");
    }

    @Property(tries = 2000)
    void shortestDecimalReadsBackAndNothingShorterDoes(@ForAll double d) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
            return;
        }
        BigDecimal shortest = LegacyValues.shortestDecimal(d);
        assertThat(shortest.doubleValue()).isEqualTo(d);
        int digits = shortest.stripTrailingZeros().precision();
        if (digits > 1) {
            BigDecimal shorter = new BigDecimal(d).round(new MathContext(digits - 1, RoundingMode.HALF_EVEN));
            assertThat(shorter.doubleValue()).isNotEqualTo(d);
        }
    }

    @Test
    @DisplayName("strings (spaces trimmed), ints, longs and Decimal128 are exact; -0 is zero")
    void otherTypes() {
        assertThat(present(LegacyValues.amount(new BsonString("  12.50000000 ")))).isEqualByComparingTo("12.5");
        assertThat(present(LegacyValues.amount(new BsonString("1e-3")))).isEqualByComparingTo("0.001");
        assertThat(present(LegacyValues.amount(new BsonInt32(42)))).isEqualByComparingTo("42");
        assertThat(present(LegacyValues.amount(new BsonInt64(9_007_199_254_740_993L)))).isEqualByComparingTo("9007199254740993");
        assertThat(present(LegacyValues.amount(new BsonDecimal128(Decimal128.parse("0.123456789012345678")))))
                .isEqualByComparingTo("0.123456789012345678");
        assertThat(present(LegacyValues.amount(new BsonDecimal128(Decimal128.NEGATIVE_ZERO)))).isEqualByComparingTo("0");
    }

    @Test
    @DisplayName("NaN, infinity, unparsable text, empty text and other types are invalid; null and absent are missing")
    void refusals() {
        assertThat(LegacyValues.amount(new BsonDouble(Double.NaN))).isEqualTo(new LegacyValues.Invalid("amount is NaN"));
        assertThat(LegacyValues.amount(new BsonDouble(Double.NEGATIVE_INFINITY))).isEqualTo(new LegacyValues.Invalid("amount is infinite"));
        assertThat(LegacyValues.amount(new BsonDecimal128(Decimal128.NaN))).isEqualTo(new LegacyValues.Invalid("amount is NaN"));
        assertThat(LegacyValues.amount(new BsonDecimal128(Decimal128.POSITIVE_INFINITY))).isEqualTo(new LegacyValues.Invalid("amount is infinite"));
        assertThat(LegacyValues.amount(new BsonString("12,5 BTC"))).isInstanceOf(LegacyValues.Invalid.class);
        assertThat(LegacyValues.amount(new BsonString("NaN"))).isInstanceOf(LegacyValues.Invalid.class);
        assertThat(LegacyValues.amount(new BsonString("   "))).isInstanceOf(LegacyValues.Invalid.class);
        assertThat(LegacyValues.amount(BsonBoolean.TRUE)).isInstanceOf(LegacyValues.Invalid.class);
        assertThat(LegacyValues.amount(BsonNull.VALUE)).isInstanceOf(LegacyValues.Missing.class);
        assertThat(LegacyValues.amount(null)).isInstanceOf(LegacyValues.Missing.class);
    }

    @Test
    @DisplayName("user_id: a string as it is, an int or long by its decimal form, an ObjectId by its hex form")
    void userIds() throws LegacyValues.Refused {
        ObjectId objectId = new ObjectId("65f0c0ffee0000000000abcd");
        assertThat(LegacyValues.userId(new BsonString(" alice "))).isEqualTo("alice");
        assertThat(LegacyValues.userId(new BsonInt32(123))).isEqualTo("123");
        assertThat(LegacyValues.userId(new BsonInt64(12_345_678_901L))).isEqualTo("12345678901");
        assertThat(LegacyValues.userId(new BsonObjectId(objectId))).isEqualTo("65f0c0ffee0000000000abcd");
        assertThatThrownBy(() -> LegacyValues.userId(null)).hasMessage("user_id is missing");
        assertThatThrownBy(() -> LegacyValues.userId(new BsonString(" "))).hasMessage("user_id is empty");
        assertThatThrownBy(() -> LegacyValues.userId(new BsonDouble(1.0))).hasMessage("user_id has BSON type DOUBLE");
    }

    @Test
    @DisplayName("row keys are one-to-one: the string \"7\" and the number 7 differ; odd strings are hashed")
    void rowKeys() {
        assertThat(LegacyValues.rowKey(new BsonString("7"))).isNotEqualTo(LegacyValues.rowKey(new BsonInt32(7)));
        assertThat(LegacyValues.rowKey(new BsonInt32(7))).isEqualTo(LegacyValues.rowKey(new BsonInt64(7)));
        assertThat(LegacyValues.rowKey(new BsonString("a b/c"))).startsWith("h").matches("[a-z0-9]+");
        assertThat(LegacyValues.rowKey(new BsonString("a b/c"))).isNotEqualTo(LegacyValues.rowKey(new BsonString("a b/d")));
    }
}
