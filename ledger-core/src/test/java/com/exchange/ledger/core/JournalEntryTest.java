package com.exchange.ledger.core;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Bucket;
import com.exchange.ledger.core.shared.JournalEntry;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.Posting;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.BalanceMigrated;
import com.exchange.ledger.core.wallet.FundsCredited;
import com.exchange.ledger.core.wallet.FundsDebited;
import com.exchange.ledger.core.wallet.FundsLocked;
import com.exchange.ledger.core.wallet.HoldReleased;
import com.exchange.ledger.core.wallet.HoldReleasedToAccount;
import com.exchange.ledger.core.wallet.HoldUnlocked;
import com.exchange.ledger.core.wallet.MovedFromSavings;
import com.exchange.ledger.core.wallet.MovedToSavings;
import com.exchange.ledger.core.wallet.TransferOrigin;
import com.exchange.ledger.core.wallet.TransferReceived;
import com.exchange.ledger.core.wallet.TransferReturned;
import com.exchange.ledger.core.wallet.TransferSent;
import com.exchange.ledger.core.wallet.WalletEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.exchange.ledger.core.testing.LedgerFixtures.account;
import static com.exchange.ledger.core.testing.LedgerFixtures.btc;
import static com.exchange.ledger.core.testing.LedgerFixtures.hold;
import static com.exchange.ledger.core.testing.LedgerFixtures.op;
import static com.exchange.ledger.core.testing.LedgerFixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Every stored event type is a balanced journal entry")
class JournalEntryTest {

    private static final AccountId ALICE = account("alice", "BTC");
    private static final AccountId BOB = account("bob", "BTC");
    /** The balances an event records do not take part in its postings; any value serves here. */
    private static final AccountBalances AFTER = new AccountBalances(btc("1").amount(), btc("0").amount(), btc("0").amount());
    private static final Money AMOUNT = btc("0.5");
    private static final Money FEE = btc("0.0001");
    private static final Money NO_FEE = btc("0");

    /** One instance of every event type, with a fee and without where the type has one. */
    private static final Map<String, List<WalletEvent>> SAMPLES = Stream.of(
                    new FundsCredited(ALICE, op("pay-1"), AMOUNT, SystemAccount.NOWPAYMENTS, "deposit", AFTER),
                    new FundsCredited(ALICE, op("swap-1"), AMOUNT, SystemAccount.TREASURY, "swap", AFTER, FEE),
                    new FundsDebited(ALICE, op("wd-1"), AMOUNT, SystemAccount.WITHDRAWALS, "withdrawal", AFTER),
                    new FundsLocked(ALICE, hold("h-1"), AMOUNT, "withdrawal", AFTER),
                    new HoldUnlocked(ALICE, hold("h-1"), AMOUNT, AFTER),
                    new HoldReleased(ALICE, hold("h-1"), AMOUNT, FEE, SystemAccount.WITHDRAWALS, AFTER),
                    new HoldReleased(ALICE, hold("h-1"), AMOUNT, NO_FEE, SystemAccount.WITHDRAWALS, AFTER),
                    new HoldReleasedToAccount(ALICE, hold("h-1"), AMOUNT, FEE, BOB, AFTER),
                    new HoldReleasedToAccount(ALICE, hold("h-1"), AMOUNT, NO_FEE, BOB, AFTER),
                    new MovedToSavings(ALICE, op("save-1"), AMOUNT, AFTER),
                    new MovedFromSavings(ALICE, op("unsave-1"), AMOUNT, AFTER),
                    new TransferSent(ALICE, transfer("t-1"), BOB, AMOUNT, FEE, AFTER),
                    new TransferSent(ALICE, transfer("t-1"), BOB, AMOUNT, NO_FEE, AFTER),
                    new TransferReceived(BOB, TransferOrigin.TRANSFER, transfer("t-1"), ALICE, AMOUNT, AFTER),
                    new TransferReceived(BOB, TransferOrigin.HOLD_RELEASE, transfer("h-1"), ALICE, AMOUNT, AFTER),
                    new TransferReturned(ALICE, TransferOrigin.TRANSFER, transfer("t-1"), AMOUNT, FEE, "refused", AFTER),
                    new TransferReturned(ALICE, TransferOrigin.TRANSFER, transfer("t-1"), AMOUNT, NO_FEE, "refused", AFTER),
                    BalanceMigrated.onto(AFTER, ALICE, op("migration:internal_balances:1"),
                            new BalanceMigrated.LegacySource("internal_balances", "1", "{}"), AMOUNT, FEE, NO_FEE),
                    BalanceMigrated.onto(AFTER, ALICE, op("migration:savings_balances:2"),
                            new BalanceMigrated.LegacySource("savings_balances", "2", "{}"), NO_FEE, NO_FEE, AMOUNT))
            .collect(Collectors.groupingBy(event -> StoredTypes.nameOf(event.getClass()).orElseThrow()));

    private static Stream<Map.Entry<String, Class<?>>> storedEventTypes() {
        // the product flows' events are records of a flow, not journal entries: they move no money themselves
        return StoredTypes.all().entrySet().stream().filter(type -> WalletEvent.class.isAssignableFrom(type.getValue()));
    }

    private static Stream<DynamicTest> forEverySample(String what, java.util.function.Consumer<WalletEvent> check) {
        return storedEventTypes().flatMap(type -> SAMPLES.getOrDefault(type.getKey(), List.of()).stream()
                .map(event -> DynamicTest.dynamicTest(type.getKey() + " " + what + " " + event.postings(), () -> check.accept(event))));
    }

    @Test
    @DisplayName("there is a sample of every stored event type, and only of those")
    void everyTypeHasASample() {
        Set<String> eventTypes = storedEventTypes().map(Map.Entry::getKey).collect(Collectors.toSet());

        assertThat(SAMPLES.keySet()).isEqualTo(eventTypes);
        assertThat(eventTypes).hasSize(12);
    }

    @TestFactory
    @DisplayName("postings sum to zero")
    Stream<DynamicTest> balanced() {
        return forEverySample("balances", event -> assertThat(JournalEntry.isBalanced(event)).isTrue());
    }

    @TestFactory
    @DisplayName("an event posts to wallet buckets of its own account only, so its aggregate can apply it alone")
    Stream<DynamicTest> walletPostingsOnOwnAccount() {
        return forEverySample("posts only to its own wallet", event -> assertThat(event.postings())
                .filteredOn(posting -> posting.account() instanceof AccountId)
                .allSatisfy(posting -> assertThat(posting.account()).isEqualTo(event.account())));
    }

    @TestFactory
    @DisplayName("no posting is zero: a fee of zero adds no line")
    Stream<DynamicTest> noZeroLines() {
        return forEverySample("has no zero line", event -> assertThat(event.postings())
                .noneMatch(posting -> posting.delta().isZero()));
    }

    @Nested
    @DisplayName("the check itself")
    class TheCheck {

        @Test
        @DisplayName("finds an entry that does not add up")
        void unbalanced() {
            JournalEntry lopsided = () -> List.of(
                    Posting.wallet(ALICE, Bucket.AVAILABLE, btc("0.5")),
                    Posting.system(SystemAccount.NOWPAYMENTS, btc("-0.49999999")));

            assertThat(JournalEntry.isBalanced(lopsided)).isFalse();
        }

        @Test
        @DisplayName("compares by value, not by scale")
        void scaleFree() {
            JournalEntry entry = () -> List.of(
                    Posting.wallet(ALICE, Bucket.AVAILABLE, new Money("BTC", new java.math.BigDecimal("0.5"))),
                    Posting.system(SystemAccount.NOWPAYMENTS, btc("-0.5")));

            assertThat(JournalEntry.isBalanced(entry)).isTrue();
        }
    }
}
