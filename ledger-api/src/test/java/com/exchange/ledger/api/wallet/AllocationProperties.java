package com.exchange.ledger.api.wallet;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllocationProperties {

    @Property(tries = 500)
    void percentagesAddUpToExactlyOneHundred(@ForAll @Size(min = 1, max = 15) List<@BigRange(min = "0", max = "1000000000") @Scale(2) BigDecimal> values) {
        List<BigDecimal> percentages = Allocation.percentages(values);
        BigDecimal total = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);

        assertThat(percentages).hasSize(values.size()).allSatisfy(p -> assertThat(p.scale()).isEqualTo(2));
        assertThat(percentages).allSatisfy(p -> assertThat(p.signum()).isNotNegative());
        BigDecimal sum = percentages.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.signum() > 0) {
            assertThat(sum).isEqualByComparingTo("100.00");
        } else {
            assertThat(sum).isZero();
        }
    }

    @Property(tries = 200)
    void eachShareIsWithinAHundredthOfItsExactValue(@ForAll @Size(min = 1, max = 10) List<@BigRange(min = "0.01", max = "1000000") @Scale(2) BigDecimal> values) {
        List<BigDecimal> percentages = Allocation.percentages(values);
        BigDecimal total = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        for (int i = 0; i < values.size(); i++) {
            BigDecimal exact = values.get(i).multiply(BigDecimal.valueOf(100)).divide(total, 10, java.math.RoundingMode.HALF_EVEN);
            assertThat(percentages.get(i).subtract(exact).abs()).isLessThan(new BigDecimal("0.01"));
        }
    }

    @Test
    void thirdsGoToTheEarliestOnTies() {
        assertThat(Allocation.percentages(List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE)))
                .containsExactly(new BigDecimal("33.34"), new BigDecimal("33.33"), new BigDecimal("33.33"));
    }
}
