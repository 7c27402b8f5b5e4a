package com.exchange.ledger.api.wallet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Percentages of a whole, at two decimals, that add up to exactly 100.00: each share is floored to a hundredth of a
 * percent and the hundredths still missing go to the largest remainders (ties to the earlier entry).
 */
final class Allocation {

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    private Allocation() {
    }

    /** The percentage of each value in the total, in the same order; all zero when the total is zero. */
    static List<BigDecimal> percentages(List<BigDecimal> values) {
        BigDecimal total = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<BigDecimal> result = new ArrayList<>(values.size());
        if (total.signum() <= 0) {
            values.forEach(v -> result.add(BigDecimal.ZERO.setScale(2)));
            return result;
        }
        long[] hundredths = new long[values.size()];
        BigDecimal[] remainders = new BigDecimal[values.size()];
        long assigned = 0;
        for (int i = 0; i < values.size(); i++) {
            BigDecimal exact = values.get(i).multiply(TEN_THOUSAND).divide(total, 30, RoundingMode.DOWN);
            BigDecimal floor = exact.setScale(0, RoundingMode.DOWN);
            hundredths[i] = floor.longValueExact();
            remainders[i] = exact.subtract(floor);
            assigned += hundredths[i];
        }
        List<Integer> byRemainder = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            byRemainder.add(i);
        }
        byRemainder.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(i -> i));
        for (int k = 0; k < 10_000 - assigned; k++) {
            hundredths[byRemainder.get(k)]++;
        }
        for (long h : hundredths) {
            result.add(BigDecimal.valueOf(h, 2));
        }
        return result;
    }
}
