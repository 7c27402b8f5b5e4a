package com.exchange.ledger.api.deposit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's signature. The vectors were produced by Node.js 20 the way the gateway's documentation does it:
 * {@code JSON.stringify(sortObject(JSON.parse(body)))} then {@code createHmac('sha512', secret)} — so they check this
 * code against JavaScript itself, not against a second reading of the same spec.
 */
class IpnSignatureTest {

    static final String SECRET = "ipn-test-secret";

    static final String FINISHED = "{\"payment_id\":5077125051,\"payment_status\":\"finished\",\"pay_address\":\"TXyz\",\"price_amount\":25.50,"
            + "\"price_currency\":\"usd\",\"pay_amount\":25.50,\"actually_paid\":25.50,\"pay_currency\":\"usdttrc20\",\"order_id\":\"alice\","
            + "\"order_description\":\"Deposit\",\"purchase_id\":\"5837122679\",\"outcome_amount\":25.4,\"outcome_currency\":\"usdttrc20\","
            + "\"updated_at\":1700000000000}";
    static final String FINISHED_CANONICAL = "{\"actually_paid\":25.5,\"order_description\":\"Deposit\",\"order_id\":\"alice\","
            + "\"outcome_amount\":25.4,\"outcome_currency\":\"usdttrc20\",\"pay_address\":\"TXyz\",\"pay_amount\":25.5,\"pay_currency\":\"usdttrc20\","
            + "\"payment_id\":5077125051,\"payment_status\":\"finished\",\"price_amount\":25.5,\"price_currency\":\"usd\",\"purchase_id\":\"5837122679\","
            + "\"updated_at\":1700000000000}";
    static final String FINISHED_SIG = "1416b0aa4b7657ae1a1879eebc555d6f774d8541c900e50b2cae35ded3dbe91440e61936b1117dcb419cca85a637bdd94fa1e747b935108a054eba19e62d7f45";

    static final String NUMBERS = "{\"z\":1e21,\"a\":{\"y\":[1.0,100,0.000001,1e-7,-0.0,123456789012345680000],\"b\":\"caf\u00e9 \\\"q\\\" \\n\"},"
            + "\"m\":true,\"n\":null,\"k\":0.1}";
    static final String NUMBERS_CANONICAL = "{\"a\":{\"b\":\"caf\u00e9 \\\"q\\\" \\n\",\"y\":[1,100,0.000001,1e-7,0,123456789012345680000]},"
            + "\"k\":0.1,\"m\":true,\"n\":null,\"z\":1e+21}";
    static final String NUMBERS_SIG = "56ef80f38cbacc76fbc90f86a8e6ff5f10dd8198eeacb313c27e31ebd516f46b890bd20d33992bfc00fce56354e99884521d4ef5ce90f1014902dea132436c79";

    static final String PARTIAL = "{\"payment_id\":\"42\",\"payment_status\":\"partially_paid\",\"actually_paid\":0.00012345,\"pay_amount\":0.0002,"
            + "\"pay_currency\":\"btc\",\"order_id\":\"bob\",\"fee\":{\"currency\":\"btc\",\"depositFee\":0.000001,\"withdrawalFee\":0,\"serviceFee\":0}}";
    static final String PARTIAL_SIG = "e9a9fdd4a003553d821263d3380265c32a0e30cbf380ebd60ae0b3e4a5d08f35cf5168d01895a95bc1cb68f8c329c3c3e1d86fbe5f1d76d78a29102c44d74f74";

    private final IpnSignature signature = new IpnSignature(SECRET);

    @Test
    @DisplayName("the canonical body is JSON.stringify's: keys sorted recursively, JavaScript numbers, no whitespace")
    void canonicalBody() {
        assertThat(CanonicalJson.of(bytes(FINISHED))).isEqualTo(FINISHED_CANONICAL);
        assertThat(CanonicalJson.of(bytes(NUMBERS))).isEqualTo(NUMBERS_CANONICAL);
    }

    @Test
    @DisplayName("the signatures Node.js computed verify, in either hex case")
    void nodeVectorsVerify() {
        assertThat(signature.verifies(bytes(FINISHED), FINISHED_SIG)).isTrue();
        assertThat(signature.verifies(bytes(NUMBERS), NUMBERS_SIG)).isTrue();
        assertThat(signature.verifies(bytes(PARTIAL), PARTIAL_SIG)).isTrue();
        assertThat(signature.verifies(bytes(PARTIAL), PARTIAL_SIG.toUpperCase())).isTrue();
        assertThat(signature.verifies(bytes(FINISHED.replace("  ", " ").replace(":", " : ")), FINISHED_SIG)).isTrue();
    }

    @Test
    @DisplayName("a changed body, another secret, a missing, short or garbled signature never verify")
    void tamperingFails() {
        assertThat(signature.verifies(bytes(FINISHED.replace("25.50,\"pay_currency", "26.50,\"pay_currency")), FINISHED_SIG)).isFalse();
        assertThat(new IpnSignature("other-secret").verifies(bytes(FINISHED), FINISHED_SIG)).isFalse();
        assertThat(new IpnSignature("").verifies(bytes(FINISHED), FINISHED_SIG)).isFalse();
        assertThat(signature.verifies(bytes(FINISHED), null)).isFalse();
        assertThat(signature.verifies(bytes(FINISHED), FINISHED_SIG.substring(2))).isFalse();
        assertThat(signature.verifies(bytes(FINISHED), "zz" + FINISHED_SIG.substring(2))).isFalse();
        assertThat(signature.verifies(bytes("{not json"), FINISHED_SIG)).isFalse();
        assertThat(signature.verifies(new byte[0], FINISHED_SIG)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"25.50,25.5", "1.0,1", "100,100", "1e2,100", "0.000001,0.000001", "1e-7,1e-7", "1e21,1e+21", "-0.0,0",
            "123456789012345678901,123456789012345680000", "0.1,0.1", "5e-324,5e-324", "1.7976931348623157e308,1.7976931348623157e+308",
            "-2.5e-10,-2.5e-10", "999999999999999999999,1e+21", "0.30000000000000004,0.30000000000000004"})
    @DisplayName("numbers are written as JavaScript writes them")
    void javascriptNumbers(String token, String javascript) {
        assertThat(JsNumbers.format(token)).isEqualTo(javascript);
    }

    @ParameterizedTest
    @CsvSource({"25.50,true", "1e2,true", "0.1,true", "0.30000000000000004,true", "9007199254740992,true", "1e21,true", "5e-324,true",
            "0.500000000000000049,false", "9007199254740993,false", "123456789012345678901,false", "0.1000000000000000055511151231257827,false",
            "1e400,false", "1e-400,false", "-1e-400,false"})
    @DisplayName("a number is signed exactly only when JavaScript's double of it is the same number")
    void signedExactly(String number, boolean exact) {
        assertThat(JsNumbers.signedExactly(new java.math.BigDecimal(number))).isEqualTo(exact);
    }

    /** Every double is written as a decimal that reads back as the same double, never longer than Java's. */
    @Property(tries = 2000)
    void everyDoubleRoundTripsInTheShortestForm(@ForAll double value) {
        String written = JsNumbers.format(value);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            assertThat(written).isEqualTo("null");
        } else {
            assertThat(Double.parseDouble(written)).isEqualTo(value == 0 ? 0.0 : value);
            assertThat(significantDigits(written)).isLessThanOrEqualTo(significantDigits(Double.toString(Math.abs(value))));
        }
    }

    private static int significantDigits(String number) {
        String mantissa = number.replace("-", "").split("[eE]")[0].replace(".", "");
        return Math.max(1, mantissa.replaceAll("^0+", "").replaceAll("0+$", "").length());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
