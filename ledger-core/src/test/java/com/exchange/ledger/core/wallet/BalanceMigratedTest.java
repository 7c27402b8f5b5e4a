package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.SystemAccount;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.exchange.ledger.core.testing.LedgerFixtures.account;
import static com.exchange.ledger.core.testing.LedgerFixtures.balances;
import static com.exchange.ledger.core.testing.LedgerFixtures.btc;
import static com.exchange.ledger.core.testing.LedgerFixtures.eth;
import static com.exchange.ledger.core.testing.LedgerFixtures.hold;
import static com.exchange.ledger.core.testing.LedgerFixtures.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("BalanceMigrated: a legacy row becomes an opening balance the account's rules then apply to")
class BalanceMigratedTest {

    private static final AccountId ALICE = account("alice", "BTC");
    private static final AccountBalances EMPTY = balances("0", "0", "0");

    private FixtureConfiguration<WalletAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WalletAccount.class);
    }

    private static BalanceMigrated internalRow(AccountBalances before) {
        return BalanceMigrated.onto(before, ALICE, op("migration:internal_balances:r1"),
                new BalanceMigrated.LegacySource("internal_balances", "r1", "{\"balance\": 1.5, \"locked_balance\": 0.5}"),
                btc("1.5"), btc("0.5"), btc("0"));
    }

    private static BalanceMigrated savingsRow(AccountBalances before) {
        return BalanceMigrated.onto(before, ALICE, op("migration:savings_balances:s1"),
                new BalanceMigrated.LegacySource("savings_balances", "s1", "{\"amount\": \"2\"}"),
                btc("0"), btc("0"), btc("2"));
    }

    @Test
    @DisplayName("rows of one account add up, each against external:migration, and a locked amount is a named hold")
    void rowsAddUp() {
        BalanceMigrated first = internalRow(EMPTY);
        BalanceMigrated second = savingsRow(first.after());

        assertThat(second.after().available()).isEqualByComparingTo("1.5");
        assertThat(second.after().locked()).isEqualByComparingTo("0.5");
        assertThat(second.after().savings()).isEqualByComparingTo("2");
        assertThat(first.holdId()).isEqualTo(hold("migration:internal_balances:r1"));
        assertThat(second.holdId()).isNull();
        assertThat(first.postings()).anySatisfy(p -> {
            assertThat(p.account()).isEqualTo(SystemAccount.MIGRATION);
            assertThat(p.delta()).isEqualTo(btc("-2"));
        });
    }

    @Test
    @DisplayName("the migrated hold can be unlocked like any other hold, and the migrated funds spent")
    void migratedHoldIsAnOrdinaryHold() {
        BalanceMigrated row = internalRow(EMPTY);
        fixture.given(row)
                .when(new UnlockHold(ALICE, row.holdId()))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new HoldUnlocked(ALICE, row.holdId(), btc("0.5"), balances("2.00000000", "0E-8", "0")));
    }

    @Test
    @DisplayName("a debit beyond the migrated available balance is refused and changes nothing")
    void migratedBalanceBoundsDebits() {
        BalanceMigrated row = internalRow(EMPTY);
        fixture.given(row)
                .when(new DebitAccount(ALICE, op("wd-1"), btc("1.50000001"), SystemAccount.WITHDRAWALS, "withdrawal"))
                .expectNoEvents()
                .expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("a negative amount, another currency or a balance past the limit is refused")
    void refusals() {
        BalanceMigrated.LegacySource source = new BalanceMigrated.LegacySource("crypto_balances", "c1", "{}");
        assertThatThrownBy(() -> BalanceMigrated.onto(EMPTY, ALICE, op("m-1"), source, btc("-1"), btc("0"), btc("0")))
                .isInstanceOfSatisfying(LedgerRejection.class, r -> assertThat(r.code()).isEqualTo(RejectionCode.INVALID_AMOUNT));
        assertThatThrownBy(() -> BalanceMigrated.onto(EMPTY, ALICE, op("m-1"), source, eth("1"), btc("0"), btc("0")))
                .isInstanceOfSatisfying(LedgerRejection.class, r -> assertThat(r.code()).isEqualTo(RejectionCode.CURRENCY_MISMATCH));
        AccountBalances nearLimit = balances("9999999999999999", "0", "0");
        assertThatThrownBy(() -> BalanceMigrated.onto(nearLimit, ALICE, op("m-1"), source, btc("1"), btc("0"), btc("0")))
                .isInstanceOfSatisfying(LedgerRejection.class, r -> assertThat(r.code()).isEqualTo(RejectionCode.BALANCE_LIMIT_EXCEEDED));
    }
}
