package com.exchange.ledger.api.deposit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers written the way JavaScript's {@code JSON.stringify} writes them (ECMAScript Number::toString): the
 * shortest decimal that reads back as the same double, without a trailing {@code .0}, in exponent form from 1e21 up
 * and below 1e-6. The gateway signs what its JavaScript produced, so {@code 25.50} in the body was signed as
 * {@code 25.5} and {@code 1e2} as {@code 100}.
 * <p>
 * Java's {@code Double.toString} is not that: it writes {@code 100.0} and {@code 1.0E21}, and before Java 19 it does
 * not always pick the shortest digits, so the digits are searched for here.
 */
final class JsNumbers {

    private JsNumbers() {
    }

    /**
     * The number as the gateway signs it: the double nearest to it (JavaScript's {@code JSON.parse}), written as
     * {@code JSON.stringify} writes it; {@code null} past the double range. The value must be bounded (its text short).
     */
    static String signedForm(BigDecimal value) {
        return format(Double.parseDouble(value.toString()));
    }

    /**
     * Whether a signature pins this number: its signed form is the same number. {@code 25.50}, {@code 1e2} and
     * {@code 9007199254740992} are; {@code 0.500000000000000049} (signed as {@code 0.5}), {@code 9007199254740993}
     * (signed as {@code 9007199254740992}) and {@code 1e400} (signed as {@code null}) are not: each shares its
     * signature with another number.
     */
    static boolean signedExactly(BigDecimal value) {
        String signed = signedForm(value);
        return !"null".equals(signed) && new BigDecimal(signed).compareTo(value) == 0;
    }

    /** The JSON text of a number token's value as JavaScript holds it (a double). */
    static String format(String numberToken) {
        return format(Double.parseDouble(numberToken));
    }

    static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "null"; // what JSON.stringify writes; a JSON number token never parses to these
        }
        if (value == 0) {
            return "0"; // -0 too
        }
        String sign = value < 0 ? "-" : "";
        BigDecimal shortest = shortestRoundTrip(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits × 10^n
        StringBuilder text = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            text.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            text.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            text.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int exponent = n - 1;
            text.append(digits.charAt(0));
            if (k > 1) {
                text.append('.').append(digits, 1, k);
            }
            text.append('e').append(exponent >= 0 ? "+" : "-").append(Math.abs(exponent));
        }
        return text.toString();
    }

    /** The decimal with the fewest significant digits that parses back to {@code value}, trailing zeros stripped. */
    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(candidate.toString()) == value) {
                return closest(exact, candidate, precision, value).stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /**
     * Of the candidates with this many digits that read back as {@code value}, ECMAScript takes the one closest to the
     * exact value; rounding half-even already gives it, except in the rare tie the neighbours are checked.
     */
    private static BigDecimal closest(BigDecimal exact, BigDecimal candidate, int precision, double value) {
        BigDecimal ulp = candidate.ulp();
        BigDecimal best = candidate;
        for (BigDecimal neighbour : new BigDecimal[] {candidate.subtract(ulp), candidate.add(ulp)}) {
            if (neighbour.signum() > 0 && neighbour.precision() == precision && Double.parseDouble(neighbour.toString()) == value
                    && neighbour.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
                best = neighbour;
            }
        }
        return best;
    }
}
