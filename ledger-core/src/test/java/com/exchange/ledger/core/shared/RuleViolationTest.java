package com.exchange.ledger.core.shared;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("RuleViolation: a refusal of input names its field and rule")
class RuleViolationTest {

    private static final Currency BTC = new Currency("BTC", 8);

    private static void assertBroke(ThrowingSupplier<?> input, RejectionCode code, String field, RuleViolation.Rule rule) {
        assertThatThrownBy(input::get).isInstanceOfSatisfying(LedgerRejection.class, refused -> {
            assertThat(refused.code()).isEqualTo(code);
            assertThat(refused.violations()).containsExactly(new RuleViolation(field, rule));
        });
    }

    @Test
    @DisplayName("amounts: too many decimals, not positive, not a plain decimal, too large")
    void amounts() {
        assertBroke(() -> BTC.parse("0.123456789"), RejectionCode.INVALID_AMOUNT, "amount", RuleViolation.Rule.AMOUNT_EXCEEDS_CURRENCY_DECIMALS);
        assertBroke(() -> BTC.parse("0").requirePositive("fee"), RejectionCode.INVALID_AMOUNT, "fee", RuleViolation.Rule.AMOUNT_MUST_BE_POSITIVE);
        assertBroke(() -> BTC.parse("1e3"), RejectionCode.INVALID_AMOUNT, "amount", RuleViolation.Rule.AMOUNT_NOT_DECIMAL);
        assertBroke(() -> BTC.amount(Currency.MAX_AMOUNT), RejectionCode.INVALID_AMOUNT, "amount", RuleViolation.Rule.AMOUNT_OUT_OF_RANGE);
        assertBroke(() -> BTC.amount(new BigDecimal("1." + "0".repeat(Decimals.MAX_PRECISION) + "1")), RejectionCode.INVALID_AMOUNT,
                "amount", RuleViolation.Rule.AMOUNT_TOO_MANY_DIGITS);
    }

    @Test
    @DisplayName("the edge that read the value restates the field; a domain name with spaces is the request's snake_case")
    void fieldsAsTheRequestNamesThem() {
        assertBroke(() -> UserId.of("no spaces allowed", "to_user_id"), RejectionCode.VALIDATION_FAILED, "to_user_id",
                RuleViolation.Rule.INVALID_FORMAT);
        assertBroke(() -> CurrencyTable.defaults().require("XYZ", "to_currency"), RejectionCode.UNKNOWN_CURRENCY, "to_currency",
                RuleViolation.Rule.UNKNOWN_CURRENCY);
        assertBroke(() -> HoldId.of(""), RejectionCode.VALIDATION_FAILED, "hold_id", RuleViolation.Rule.FIELD_REQUIRED);
        assertBroke(() -> HoldId.of("h".repeat(129)), RejectionCode.VALIDATION_FAILED, "hold_id", RuleViolation.Rule.TOO_LONG);
    }

    @Test
    @DisplayName("a refusal that is not about input names no rule, and restating a field leaves it so")
    void notAboutInput() {
        LedgerRejection funds = LedgerRejection.of(RejectionCode.INSUFFICIENT_FUNDS, "not enough");
        assertThat(funds.violations()).isEmpty();
        assertThat(funds.inField("amount")).isSameAs(funds);
    }

    @Test
    @DisplayName("a field is a plain short name: nothing unbounded from a request becomes one")
    void fieldIsBounded() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RuleViolation("x".repeat(65), RuleViolation.Rule.TOO_LONG));
        assertThatIllegalArgumentException().isThrownBy(() -> new RuleViolation("a\"b", RuleViolation.Rule.INVALID_FORMAT));
        assertThat(RuleViolation.Rule.AMOUNT_EXCEEDS_CURRENCY_DECIMALS.wireName()).isEqualTo("amount_exceeds_currency_decimals");
    }
}
