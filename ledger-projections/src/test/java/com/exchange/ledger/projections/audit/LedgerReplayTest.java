package com.exchange.ledger.projections.audit;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.wallet.*;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static com.exchange.ledger.core.testing.LedgerFixtures.*;
import static com.exchange.ledger.projections.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("LedgerReplay: every account recomputed from the postings alone")
class LedgerReplayTest {

    private LedgerReplay replay;

    @BeforeEach
    void freshReplay() {
        replay = new LedgerReplay();
    }

    private static void assertBalances(AccountBalances actual, String available, String locked, String savings) {
        assertThat(actual.available()).isEqualByComparingTo(available);
        assertThat(actual.locked()).isEqualByComparingTo(locked);
        assertThat(actual.savings()).isEqualByComparingTo(savings);
    }

    /** A consistent history of alice's BTC and bob's BTC: each event's recorded balances agree with its postings. */
    private void aliceAndBob() {
        replay.apply(new FundsCredited(ALICE_BTC, OperationId.of("d-1"), btc("2"), SystemAccount.NOWPAYMENTS, "",
                after("2", "0", "0")), at(0));
        replay.apply(new FundsLocked(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), "withdrawal", after("1.5", "0.5", "0")), at(1));
        replay.apply(new HoldReleased(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), btc("0.01"), SystemAccount.WITHDRAWALS,
                after("1.5", "0", "0")), at(2));
        replay.apply(new MovedToSavings(ALICE_BTC, OperationId.of("s-1"), btc("0.3"), after("1.2", "0", "0.3")), at(3));
        replay.apply(new TransferSent(ALICE_BTC, TransferId.of("t-1"), BOB_BTC, btc("0.2"), btc("0.002"),
                after("1", "0", "0.3")), at(4));
    }

    @Nested
    @DisplayName("balances from postings")
    class FromPostings {

        @Test
        @DisplayName("wallet buckets are the sums of their postings")
        void wallets() {
            aliceAndBob();

            assertBalances(replay.walletBalances().get("alice/BTC"), "1", "0", "0.3");
            assertThat(replay.walletBalances()).containsOnlyKeys("alice/BTC");
            assertThat(replay.events()).isEqualTo(5);
        }

        @Test
        @DisplayName("system accounts are summed per currency: deposits, withdrawal, fees, transit")
        void systems() {
            aliceAndBob();

            Map<String, BigDecimal> btc = replay.systemBalances().get("BTC");
            assertThat(btc).containsOnlyKeys("external:nowpayments", "external:withdrawals", "system:fees", "transit:transfers");
            assertThat(btc.get("external:nowpayments")).isEqualByComparingTo("-2");
            assertThat(btc.get("external:withdrawals")).isEqualByComparingTo("0.49");
            assertThat(btc.get("system:fees")).isEqualByComparingTo("0.012");
            assertThat(btc.get("transit:transfers")).isEqualByComparingTo("0.198");
        }

        @Test
        @DisplayName("users plus system accounts sum to zero, and receiving the transfer empties the transit")
        void zeroSumAndTransit() {
            aliceAndBob();
            replay.apply(new TransferReceived(BOB_BTC, TransferOrigin.TRANSFER, TransferId.of("t-1"), ALICE_BTC, btc("0.198"),
                    after("0.198", "0", "0")), at(5));

            BigDecimal users = replay.walletBalances().values().stream().map(AccountBalances::total).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal systems = replay.systemBalances().get("BTC").values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(users.add(systems)).isEqualByComparingTo("0");
            assertThat(replay.systemBalances().get("BTC").get("transit:transfers")).isEqualByComparingTo("0");
            assertBalances(replay.walletBalances().get("bob/BTC"), "0.198", "0", "0");
        }

        @Test
        @DisplayName("currencies are kept apart, exactly to the wei")
        void perCurrency() {
            replay.apply(new FundsCredited(ALICE_ETH, OperationId.of("d-1"), eth("0.000000000000000001"), SystemAccount.NOWPAYMENTS,
                    "", after("0.000000000000000001", "0", "0")), at(0));
            replay.apply(new FundsCredited(ALICE_BTC, OperationId.of("d-2"), btc("1"), SystemAccount.NOWPAYMENTS, "",
                    after("1", "0", "0")), at(1));

            assertThat(replay.systemBalances()).containsOnlyKeys("BTC", "ETH");
            assertThat(replay.systemBalances().get("ETH").get("external:nowpayments")).isEqualTo(new BigDecimal("-0.000000000000000001"));
            assertBalances(replay.walletBalances().get("alice/ETH"), "0.000000000000000001", "0", "0");
        }

        @Test
        @DisplayName("the recorded after balances are not used: a wrong one does not change the recomputed wallet")
        void recordedBalancesNotTrusted() {
            replay.apply(new FundsCredited(ALICE_BTC, OperationId.of("d-1"), btc("2"), SystemAccount.NOWPAYMENTS, "",
                    after("5", "0", "0")), at(0));

            assertBalances(replay.walletBalances().get("alice/BTC"), "2", "0", "0");
        }
    }

    @Nested
    @DisplayName("recorded mismatches")
    class Mismatches {

        @Test
        @DisplayName("a consistent history has none, whatever the scale the balances are recorded at")
        void noneWhenConsistent() {
            aliceAndBob();
            replay.apply(new FundsCredited(BOB_BTC, OperationId.of("d-9"), btc("1"), SystemAccount.NOWPAYMENTS, "",
                    new AccountBalances(new BigDecimal("1.00000000"), new BigDecimal("0E-8"), BigDecimal.ZERO)), at(9));

            assertThat(replay.recordedMismatches()).isEmpty();
        }

        @Test
        @DisplayName("an event whose recorded after disagrees with its postings is flagged under its account")
        void flagsDisagreement() {
            replay.apply(new FundsCredited(ALICE_BTC, OperationId.of("d-1"), btc("2"), SystemAccount.NOWPAYMENTS, "",
                    after("2", "0", "0")), at(0));
            // the lock records 0.4 locked, its postings lock 0.5
            replay.apply(new FundsLocked(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), "", after("1.5", "0.4", "0")), at(1));
            replay.apply(new FundsCredited(BOB_BTC, OperationId.of("d-2"), btc("1"), SystemAccount.NOWPAYMENTS, "",
                    after("1", "0", "0")), at(2));

            assertThat(replay.recordedMismatches()).containsOnlyKeys("alice/BTC");
            assertThat(replay.recordedMismatches().get("alice/BTC")).contains("0.4").contains("0.5");
        }

        @Test
        @DisplayName("a wrong savings bucket alone is flagged")
        void savingsOnly() {
            replay.apply(new MovedToSavings(ALICE_BTC, OperationId.of("s-1"), btc("0.3"), after("-0.3", "0", "0.2")), at(0));

            assertThat(replay.recordedMismatches()).containsOnlyKeys("alice/BTC");
        }
    }

    @Nested
    @DisplayName("open holds")
    class OpenHolds {

        @Test
        @DisplayName("a lock is an open hold with its account, amount and lock time")
        void lockOpens() {
            replay.apply(new FundsLocked(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), "", after("0", "0.5", "0")), at(42));

            assertThat(replay.openHolds()).containsOnlyKeys("alice/BTC|h-1");
            LedgerReplay.OpenHold hold = replay.openHolds().get("alice/BTC|h-1");
            assertThat(hold.account()).isEqualTo("alice/BTC");
            assertThat(hold.holdId()).isEqualTo("h-1");
            assertThat(hold.amount()).isEqualTo(new BigDecimal("0.50000000"));
            assertThat(hold.lockedAt()).isEqualTo(at(42));
        }

        @Test
        @DisplayName("unlock, release and release-to-account each close their hold; the others stay open")
        void settlementsClose() {
            replay.apply(new FundsLocked(ALICE_BTC, HoldId.of("h-1"), btc("1"), "", after("0", "1", "0")), at(1));
            replay.apply(new FundsLocked(ALICE_BTC, HoldId.of("h-2"), btc("1"), "", after("0", "2", "0")), at(2));
            replay.apply(new FundsLocked(ALICE_BTC, HoldId.of("h-3"), btc("1"), "", after("0", "3", "0")), at(3));
            replay.apply(new FundsLocked(ALICE_BTC, HoldId.of("h-4"), btc("1"), "", after("0", "4", "0")), at(4));

            replay.apply(new HoldUnlocked(ALICE_BTC, HoldId.of("h-1"), btc("1"), after("1", "3", "0")), at(5));
            replay.apply(new HoldReleased(ALICE_BTC, HoldId.of("h-2"), btc("1"), btc("0"), SystemAccount.WITHDRAWALS,
                    after("1", "2", "0")), at(6));
            replay.apply(new HoldReleasedToAccount(ALICE_BTC, HoldId.of("h-3"), btc("1"), btc("0"), BOB_BTC,
                    after("1", "1", "0")), at(7));

            assertThat(replay.openHolds()).containsOnlyKeys("alice/BTC|h-4");
            assertThat(replay.openHolds().get("alice/BTC|h-4").lockedAt()).isEqualTo(at(4));
        }

        @Test
        @DisplayName("the same hold id on two accounts is two holds")
        void perAccount() {
            replay.apply(new FundsLocked(ALICE_BTC, HoldId.of("h-1"), btc("1"), "", after("0", "1", "0")), at(1));
            replay.apply(new FundsLocked(ALICE_ETH, HoldId.of("h-1"), eth("1"), "", after("0", "1", "0")), at(2));
            replay.apply(new HoldUnlocked(ALICE_BTC, HoldId.of("h-1"), btc("1"), after("1", "0", "0")), at(3));

            assertThat(replay.openHolds()).containsOnlyKeys("alice/ETH|h-1");
        }
    }
}
