package com.exchange.ledger.projections.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the auditor's replay found. {@link #clean()} is true only when every currency sums to zero, no balance is
 * negative, no hold is stuck, the {@code wallets} view equals the replay, every event's recorded balances equal
 * its postings and no read model has an event parked ({@code parkedEvents}: count per processing group, only groups
 * with parked events appear).
 */
public record ReconciliationReport(Instant generatedAt, long eventsRead, List<CurrencyTotals> currencies,
                                   List<NegativeBalance> negativeBalances, List<StuckHold> stuckHolds,
                                   List<WalletDifference> walletDifferences, List<String> recordedMismatches,
                                   Map<String, Long> parkedEvents) {

    /** Per currency: the sums of user wallets, of system accounts, and of money in transit between wallets. */
    public record CurrencyTotals(String currency, BigDecimal userTotal, BigDecimal systemTotal, BigDecimal inFlight,
                                 BigDecimal sum, boolean zeroSum) {
    }

    /** A bucket below zero, in the replay ({@code source = "events"}) or in the view ({@code "wallets"}). */
    public record NegativeBalance(String source, String account, String bucket, BigDecimal amount) {
    }

    public record StuckHold(String account, String holdId, BigDecimal amount, Instant lockedAt, long ageSeconds) {
    }

    /** An account whose {@code wallets} document is missing, extra, or differs from the replay. */
    public record WalletDifference(String account, String problem, String inWallets, String inEvents) {
    }

    /** The verdict, in the JSON form too: what an operator's {@code jq .clean} or an alert reads. */
    @JsonProperty("clean")
    public boolean clean() {
        return currencies.stream().allMatch(CurrencyTotals::zeroSum) && negativeBalances.isEmpty() && stuckHolds.isEmpty()
                && walletDifferences.isEmpty() && recordedMismatches.isEmpty() && parkedEvents.isEmpty();
    }
}
