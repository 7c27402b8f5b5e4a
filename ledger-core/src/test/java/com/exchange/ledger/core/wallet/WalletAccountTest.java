package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.SystemAccount;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static com.exchange.ledger.core.testing.LedgerFixtures.account;
import static com.exchange.ledger.core.testing.LedgerFixtures.balances;
import static com.exchange.ledger.core.testing.LedgerFixtures.btc;
import static com.exchange.ledger.core.testing.LedgerFixtures.eth;
import static com.exchange.ledger.core.testing.LedgerFixtures.hold;
import static com.exchange.ledger.core.testing.LedgerFixtures.op;
import static com.exchange.ledger.core.testing.LedgerFixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("WalletAccount: every command, its event with exact balances, and every rule it refuses")
class WalletAccountTest {

    private static final AccountId ALICE = account("alice", "BTC");
    private static final AccountId BOB = account("bob", "BTC");
    private static final AccountBalances FUNDED = balances("1.50000000", "0", "0");

    private FixtureConfiguration<WalletAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WalletAccount.class);
    }

    // --- given events, each stating the balances it leaves (the aggregate checks them) ---

    private static FundsCredited deposited(String amount, AccountBalances after) {
        return new FundsCredited(ALICE, op("pay-" + amount), btc(amount), SystemAccount.NOWPAYMENTS, "deposit", after);
    }

    /** alice/BTC with 1.5 available. */
    private static FundsCredited funded() {
        return deposited("1.5", FUNDED);
    }

    /** alice/BTC: 1.5 deposited, hold h-1 of 0.5 open. */
    private static FundsLocked lockedHalf() {
        return new FundsLocked(ALICE, hold("h-1"), btc("0.5"), "withdrawal", balances("1.00000000", "0.50000000", "0"));
    }

    private static HoldUnlocked unlockedHalf() {
        return new HoldUnlocked(ALICE, hold("h-1"), btc("0.5"), balances("1.50000000", "0E-8", "0"));
    }

    private static HoldReleased releasedHalf() {
        return new HoldReleased(ALICE, hold("h-1"), btc("0.5"), btc("0"), SystemAccount.WITHDRAWALS, balances("1.00000000", "0E-8", "0"));
    }

    private static Matcher<Object> rejectedWith(RejectionCode code) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object failure) {
                return failure instanceof LedgerRejection rejection && rejection.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerRejection with code ").appendValue(code);
            }
        };
    }

    private static void expectRejection(ResultValidator<WalletAccount> result, RejectionCode code) {
        result.expectNoEvents()
                .expectException(LedgerRejection.class)
                .expectException(rejectedWith(code));
    }

    private static void assertRejected(ThrowingSupplier<?> construction, RejectionCode code) {
        assertThatThrownBy(construction::get)
                .isInstanceOf(LedgerRejection.class)
                .extracting(failure -> ((LedgerRejection) failure).code())
                .isEqualTo(code);
    }

    @Nested
    @DisplayName("CreditAccount")
    class Credit {

        @Test
        @DisplayName("opens the account with its first deposit")
        void firstDeposit() {
            AccountBalances after = balances("1.50000000", "0", "0");
            fixture.givenNoPriorActivity()
                    .when(new CreditAccount(ALICE, op("pay-1"), btc("1.5"), SystemAccount.NOWPAYMENTS, "deposit"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new FundsCredited(ALICE, op("pay-1"), btc("1.5"), SystemAccount.NOWPAYMENTS, "deposit", after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("adds to available and records a missing reason as empty")
        void addsToAvailable() {
            AccountBalances after = balances("1.75000000", "0", "0");
            fixture.given(funded())
                    .when(new CreditAccount(ALICE, op("pay-2"), btc("0.25"), SystemAccount.TREASURY, null))
                    .expectEvents(new FundsCredited(ALICE, op("pay-2"), btc("0.25"), SystemAccount.TREASURY, "", after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("up to just below the balance limit")
        void justBelowLimit() {
            Money nearLimit = new Money("BTC", new BigDecimal("9999999999999999.00000000"));
            AccountBalances after = balances("9999999999999999.99999999", "0", "0");
            fixture.given(new FundsCredited(ALICE, op("seed"), nearLimit, SystemAccount.MIGRATION, "", balances("9999999999999999.00000000", "0", "0")))
                    .when(new CreditAccount(ALICE, op("pay-1"), btc("0.99999999"), SystemAccount.NOWPAYMENTS, ""))
                    .expectEvents(new FundsCredited(ALICE, op("pay-1"), btc("0.99999999"), SystemAccount.NOWPAYMENTS, "", after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("refuses reaching the balance limit: BALANCE_LIMIT_EXCEEDED")
        void balanceLimit() {
            Money nearLimit = new Money("BTC", new BigDecimal("9999999999999999.00000000"));
            expectRejection(fixture.given(new FundsCredited(ALICE, op("seed"), nearLimit, SystemAccount.MIGRATION, "",
                            balances("9999999999999999.00000000", "0", "0")))
                    .when(new CreditAccount(ALICE, op("pay-1"), btc("1"), SystemAccount.NOWPAYMENTS, "")),
                    RejectionCode.BALANCE_LIMIT_EXCEEDED);
        }

        @Test
        @DisplayName("refuses an amount in another currency: CURRENCY_MISMATCH")
        void currencyMismatch() {
            expectRejection(fixture.given(funded())
                    .when(new CreditAccount(ALICE, op("pay-2"), eth("1"), SystemAccount.NOWPAYMENTS, "")),
                    RejectionCode.CURRENCY_MISMATCH);
        }
    }

    @Nested
    @DisplayName("DebitAccount")
    class Debit {

        @Test
        @DisplayName("takes from available to a system account")
        void takesFromAvailable() {
            AccountBalances after = balances("1.00000000", "0", "0");
            fixture.given(funded())
                    .when(new DebitAccount(ALICE, op("wd-1"), btc("0.5"), SystemAccount.WITHDRAWALS, "withdrawal"))
                    .expectEvents(new FundsDebited(ALICE, op("wd-1"), btc("0.5"), SystemAccount.WITHDRAWALS, "withdrawal", after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("may take everything, down to exactly zero")
        void downToZero() {
            AccountBalances after = balances("0E-8", "0", "0");
            fixture.given(funded())
                    .when(new DebitAccount(ALICE, op("wd-1"), btc("1.5"), SystemAccount.WITHDRAWALS, ""))
                    .expectEvents(new FundsDebited(ALICE, op("wd-1"), btc("1.5"), SystemAccount.WITHDRAWALS, "", after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("refuses one unit more than available: INSUFFICIENT_FUNDS")
        void insufficientFunds() {
            expectRejection(fixture.given(funded())
                    .when(new DebitAccount(ALICE, op("wd-1"), btc("1.50000001"), SystemAccount.WITHDRAWALS, "")),
                    RejectionCode.INSUFFICIENT_FUNDS);
        }

        @Test
        @DisplayName("refuses on an account that never had money: INSUFFICIENT_FUNDS")
        void newAccount() {
            expectRejection(fixture.givenNoPriorActivity()
                    .when(new DebitAccount(ALICE, op("wd-1"), btc("0.00000001"), SystemAccount.WITHDRAWALS, "")),
                    RejectionCode.INSUFFICIENT_FUNDS);
        }

        @Test
        @DisplayName("cannot spend locked funds: INSUFFICIENT_FUNDS")
        void lockedIsNotAvailable() {
            expectRejection(fixture.given(funded(), lockedHalf())
                    .when(new DebitAccount(ALICE, op("wd-1"), btc("1.1"), SystemAccount.WITHDRAWALS, "")),
                    RejectionCode.INSUFFICIENT_FUNDS);
        }

        @Test
        @DisplayName("refuses an amount in another currency: CURRENCY_MISMATCH")
        void currencyMismatch() {
            expectRejection(fixture.given(funded())
                    .when(new DebitAccount(ALICE, op("wd-1"), eth("0.1"), SystemAccount.WITHDRAWALS, "")),
                    RejectionCode.CURRENCY_MISMATCH);
        }
    }

    @Nested
    @DisplayName("LockFunds")
    class Lock {

        @Test
        @DisplayName("moves available to locked under a hold id")
        void locks() {
            AccountBalances after = balances("1.00000000", "0.50000000", "0");
            fixture.given(funded())
                    .when(new LockFunds(ALICE, hold("h-1"), btc("0.5"), "withdrawal"))
                    .expectEvents(new FundsLocked(ALICE, hold("h-1"), btc("0.5"), "withdrawal", after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("a second hold adds to locked")
        void secondHold() {
            AccountBalances after = balances("0.75000000", "0.75000000", "0");
            fixture.given(funded(), lockedHalf())
                    .when(new LockFunds(ALICE, hold("h-2"), btc("0.25"), "trade"))
                    .expectEvents(new FundsLocked(ALICE, hold("h-2"), btc("0.25"), "trade", after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("refuses more than available: INSUFFICIENT_FUNDS")
        void insufficientFunds() {
            expectRejection(fixture.given(funded(), lockedHalf())
                    .when(new LockFunds(ALICE, hold("h-2"), btc("1.00000001"), "")),
                    RejectionCode.INSUFFICIENT_FUNDS);
        }

        @Test
        @DisplayName("refuses a hold id that is open: HOLD_ALREADY_EXISTS")
        void holdAlreadyExists() {
            expectRejection(fixture.given(funded(), lockedHalf())
                    .when(new LockFunds(ALICE, hold("h-1"), btc("0.1"), "")),
                    RejectionCode.HOLD_ALREADY_EXISTS);
        }

        @Test
        @DisplayName("refuses an amount in another currency: CURRENCY_MISMATCH")
        void currencyMismatch() {
            expectRejection(fixture.given(funded())
                    .when(new LockFunds(ALICE, hold("h-1"), eth("0.1"), "")),
                    RejectionCode.CURRENCY_MISMATCH);
        }

        @Test
        @DisplayName("refuses a hold past the open-hold limit: TOO_MANY_OPEN_HOLDS")
        void tooManyOpenHolds() {
            List<Object> history = new ArrayList<>();
            BigDecimal total = new BigDecimal(WalletAccount.MAX_OPEN_HOLDS + 1).movePointLeft(8);
            history.add(new FundsCredited(ALICE, op("pay-1"), new Money("BTC", total), SystemAccount.NOWPAYMENTS, "", new AccountBalances(total, BigDecimal.ZERO, BigDecimal.ZERO)));
            BigDecimal unit = new BigDecimal("0.00000001");
            for (int i = 1; i <= WalletAccount.MAX_OPEN_HOLDS; i++) {
                BigDecimal locked = unit.multiply(BigDecimal.valueOf(i));
                history.add(new FundsLocked(ALICE, hold("h-" + i), btc("0.00000001"), "",
                        new AccountBalances(total.subtract(locked), locked, BigDecimal.ZERO)));
            }

            expectRejection(fixture.given(history)
                    .when(new LockFunds(ALICE, hold("one-too-many"), btc("0.00000001"), "")),
                    RejectionCode.TOO_MANY_OPEN_HOLDS);
        }
    }

    @Nested
    @DisplayName("UnlockHold")
    class Unlock {

        @Test
        @DisplayName("returns the hold's funds to available")
        void unlocks() {
            AccountBalances after = balances("1.50000000", "0E-8", "0");
            fixture.given(funded(), lockedHalf())
                    .when(new UnlockHold(ALICE, hold("h-1")))
                    .expectEvents(new HoldUnlocked(ALICE, hold("h-1"), btc("0.5"), after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("refuses a hold that was never opened: HOLD_NOT_FOUND")
        void unknownHold() {
            expectRejection(fixture.given(funded(), lockedHalf())
                    .when(new UnlockHold(ALICE, hold("h-2"))),
                    RejectionCode.HOLD_NOT_FOUND);
        }

        @Test
        @DisplayName("refuses a hold already released: HOLD_NOT_FOUND (the gateway turns it into HOLD_ALREADY_SETTLED)")
        void afterRelease() {
            expectRejection(fixture.given(funded(), lockedHalf(), releasedHalf())
                    .when(new UnlockHold(ALICE, hold("h-1"))),
                    RejectionCode.HOLD_NOT_FOUND);
        }

        @Test
        @DisplayName("refuses a hold already unlocked: HOLD_NOT_FOUND")
        void afterUnlock() {
            expectRejection(fixture.given(funded(), lockedHalf(), unlockedHalf())
                    .when(new UnlockHold(ALICE, hold("h-1"))),
                    RejectionCode.HOLD_NOT_FOUND);
        }
    }

    @Nested
    @DisplayName("ReleaseHold")
    class Release {

        @Test
        @DisplayName("settles the whole hold out of the exchange, the fee to system:fees")
        void releasesWithFee() {
            AccountBalances after = balances("1.00000000", "0E-8", "0");
            fixture.given(funded(), lockedHalf())
                    .when(new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, btc("0.0005")))
                    .expectEvents(new HoldReleased(ALICE, hold("h-1"), btc("0.5"), btc("0.0005"), SystemAccount.WITHDRAWALS, after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("without a fee records a zero fee at the currency's scale")
        void releasesWithoutFee() {
            AccountBalances after = balances("1.00000000", "0E-8", "0");
            fixture.given(funded(), lockedHalf())
                    .when(new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, null))
                    .expectEvents(new HoldReleased(ALICE, hold("h-1"), btc("0.5"), btc("0"), SystemAccount.WITHDRAWALS, after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("settles only its own hold")
        void onlyItsHold() {
            AccountBalances after = balances("0.75000000", "0.25000000", "0");
            fixture.given(funded(), lockedHalf(),
                            new FundsLocked(ALICE, hold("h-2"), btc("0.25"), "", balances("0.75000000", "0.75000000", "0")))
                    .when(new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, null))
                    .expectEvents(new HoldReleased(ALICE, hold("h-1"), btc("0.5"), btc("0"), SystemAccount.WITHDRAWALS, after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("refuses a hold that was never opened: HOLD_NOT_FOUND")
        void unknownHold() {
            expectRejection(fixture.given(funded())
                    .when(new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, null)),
                    RejectionCode.HOLD_NOT_FOUND);
        }

        @Test
        @DisplayName("refuses a hold already unlocked: HOLD_NOT_FOUND (the gateway turns it into HOLD_ALREADY_SETTLED)")
        void afterUnlock() {
            expectRejection(fixture.given(funded(), lockedHalf(), unlockedHalf())
                    .when(new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, null)),
                    RejectionCode.HOLD_NOT_FOUND);
        }

        @Test
        @DisplayName("refuses a hold already released: HOLD_NOT_FOUND")
        void afterRelease() {
            expectRejection(fixture.given(funded(), lockedHalf(), releasedHalf())
                    .when(new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, null)),
                    RejectionCode.HOLD_NOT_FOUND);
        }

        @Test
        @DisplayName("refuses a fee equal to the hold: FEE_NOT_BELOW_AMOUNT")
        void feeNotBelowAmount() {
            expectRejection(fixture.given(funded(), lockedHalf())
                    .when(new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, btc("0.5"))),
                    RejectionCode.FEE_NOT_BELOW_AMOUNT);
        }

        @Test
        @DisplayName("refuses a fee in another currency: CURRENCY_MISMATCH")
        void feeCurrency() {
            expectRejection(fixture.given(funded(), lockedHalf())
                    .when(new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, eth("0.001"))),
                    RejectionCode.CURRENCY_MISMATCH);
        }
    }

    @Nested
    @DisplayName("ReleaseHoldToAccount")
    class ReleaseToAccount {

        @Test
        @DisplayName("settles the hold towards another user, the fee to system:fees")
        void releasesToAccount() {
            AccountBalances after = balances("1.00000000", "0E-8", "0");
            fixture.given(funded(), lockedHalf())
                    .when(new ReleaseHoldToAccount(ALICE, hold("h-1"), BOB, btc("0.001")))
                    .expectEvents(new HoldReleasedToAccount(ALICE, hold("h-1"), btc("0.5"), btc("0.001"), BOB, after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("without a fee records a zero fee")
        void withoutFee() {
            AccountBalances after = balances("1.00000000", "0E-8", "0");
            fixture.given(funded(), lockedHalf())
                    .when(new ReleaseHoldToAccount(ALICE, hold("h-1"), BOB, null))
                    .expectEvents(new HoldReleasedToAccount(ALICE, hold("h-1"), btc("0.5"), btc("0"), BOB, after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("refuses a hold that is not open: HOLD_NOT_FOUND")
        void unknownHold() {
            expectRejection(fixture.given(funded(), lockedHalf(), unlockedHalf())
                    .when(new ReleaseHoldToAccount(ALICE, hold("h-1"), BOB, null)),
                    RejectionCode.HOLD_NOT_FOUND);
        }

        @Test
        @DisplayName("refuses a fee above the hold: FEE_NOT_BELOW_AMOUNT")
        void feeNotBelowAmount() {
            expectRejection(fixture.given(funded(), lockedHalf())
                    .when(new ReleaseHoldToAccount(ALICE, hold("h-1"), BOB, btc("0.6"))),
                    RejectionCode.FEE_NOT_BELOW_AMOUNT);
        }
    }

    @Nested
    @DisplayName("MoveToSavings")
    class ToSavings {

        @Test
        @DisplayName("moves available into savings")
        void moves() {
            AccountBalances after = balances("0.50000000", "0", "1.00000000");
            fixture.given(funded())
                    .when(new MoveToSavings(ALICE, op("save-1"), btc("1")))
                    .expectEvents(new MovedToSavings(ALICE, op("save-1"), btc("1"), after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("refuses more than available: INSUFFICIENT_FUNDS")
        void insufficientFunds() {
            expectRejection(fixture.given(funded(), lockedHalf())
                    .when(new MoveToSavings(ALICE, op("save-1"), btc("1.1"))),
                    RejectionCode.INSUFFICIENT_FUNDS);
        }

        @Test
        @DisplayName("refuses an amount in another currency: CURRENCY_MISMATCH")
        void currencyMismatch() {
            expectRejection(fixture.given(funded())
                    .when(new MoveToSavings(ALICE, op("save-1"), eth("1"))),
                    RejectionCode.CURRENCY_MISMATCH);
        }
    }

    @Nested
    @DisplayName("MoveFromSavings")
    class FromSavings {

        private MovedToSavings savedOne() {
            return new MovedToSavings(ALICE, op("save-1"), btc("1"), balances("0.50000000", "0", "1.00000000"));
        }

        @Test
        @DisplayName("moves savings back to available")
        void moves() {
            AccountBalances after = balances("0.90000000", "0", "0.60000000");
            fixture.given(funded(), savedOne())
                    .when(new MoveFromSavings(ALICE, op("unsave-1"), btc("0.4")))
                    .expectEvents(new MovedFromSavings(ALICE, op("unsave-1"), btc("0.4"), after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("may empty savings exactly")
        void allOfIt() {
            AccountBalances after = balances("1.50000000", "0", "0E-8");
            fixture.given(funded(), savedOne())
                    .when(new MoveFromSavings(ALICE, op("unsave-1"), btc("1")))
                    .expectEvents(new MovedFromSavings(ALICE, op("unsave-1"), btc("1"), after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("refuses more than savings: INSUFFICIENT_SAVINGS")
        void insufficientSavings() {
            expectRejection(fixture.given(funded(), savedOne())
                    .when(new MoveFromSavings(ALICE, op("unsave-1"), btc("1.00000001"))),
                    RejectionCode.INSUFFICIENT_SAVINGS);
        }

        @Test
        @DisplayName("refuses with no savings at all, however much is available: INSUFFICIENT_SAVINGS")
        void noSavings() {
            expectRejection(fixture.given(funded())
                    .when(new MoveFromSavings(ALICE, op("unsave-1"), btc("0.1"))),
                    RejectionCode.INSUFFICIENT_SAVINGS);
        }

        @Test
        @DisplayName("refuses an amount in another currency: CURRENCY_MISMATCH")
        void currencyMismatch() {
            expectRejection(fixture.given(funded(), savedOne())
                    .when(new MoveFromSavings(ALICE, op("unsave-1"), eth("0.1"))),
                    RejectionCode.CURRENCY_MISMATCH);
        }
    }

    @Nested
    @DisplayName("SendTransfer")
    class Send {

        @Test
        @DisplayName("takes the amount from available; the recipient will get it less the fee")
        void sends() {
            AccountBalances after = balances("0.50000000", "0", "0");
            fixture.given(funded())
                    .when(new SendTransfer(ALICE, transfer("t-1"), BOB, btc("1"), btc("0.001")))
                    .expectEvents(new TransferSent(ALICE, transfer("t-1"), BOB, btc("1"), btc("0.001"), after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("without a fee records a zero fee")
        void withoutFee() {
            AccountBalances after = balances("0.50000000", "0", "0");
            fixture.given(funded())
                    .when(new SendTransfer(ALICE, transfer("t-1"), BOB, btc("1"), null))
                    .expectEvents(new TransferSent(ALICE, transfer("t-1"), BOB, btc("1"), btc("0"), after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("refuses more than available: INSUFFICIENT_FUNDS")
        void insufficientFunds() {
            expectRejection(fixture.given(funded())
                    .when(new SendTransfer(ALICE, transfer("t-1"), BOB, btc("1.50000001"), null)),
                    RejectionCode.INSUFFICIENT_FUNDS);
        }

        @Test
        @DisplayName("refuses an amount in another currency: CURRENCY_MISMATCH")
        void currencyMismatch() {
            expectRejection(fixture.given(funded())
                    .when(new SendTransfer(ALICE, transfer("t-1"), BOB, eth("1"), null)),
                    RejectionCode.CURRENCY_MISMATCH);
        }
    }

    @Nested
    @DisplayName("ReceiveTransfer")
    class Receive {

        @Test
        @DisplayName("opens the recipient's account with the money in transit")
        void receives() {
            AccountBalances after = balances("0.99900000", "0", "0");
            fixture.givenNoPriorActivity()
                    .when(new ReceiveTransfer(BOB, TransferOrigin.TRANSFER, transfer("t-1"), ALICE, btc("0.999")))
                    .expectEvents(new TransferReceived(BOB, TransferOrigin.TRANSFER, transfer("t-1"), ALICE, btc("0.999"), after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("refuses reaching the balance limit: BALANCE_LIMIT_EXCEEDED")
        void balanceLimit() {
            Money nearLimit = new Money("BTC", new BigDecimal("9999999999999999.00000000"));
            expectRejection(fixture.given(new FundsCredited(BOB, op("seed"), nearLimit, SystemAccount.MIGRATION, "",
                            balances("9999999999999999.00000000", "0", "0")))
                    .when(new ReceiveTransfer(BOB, TransferOrigin.TRANSFER, transfer("t-1"), ALICE, btc("1"))),
                    RejectionCode.BALANCE_LIMIT_EXCEEDED);
        }

        @Test
        @DisplayName("refuses an amount in another currency: CURRENCY_MISMATCH")
        void currencyMismatch() {
            expectRejection(fixture.givenNoPriorActivity()
                    .when(new ReceiveTransfer(BOB, TransferOrigin.TRANSFER, transfer("t-1"), ALICE, eth("1"))),
                    RejectionCode.CURRENCY_MISMATCH);
        }
    }

    @Nested
    @DisplayName("ReturnTransfer")
    class Return {

        private TransferSent sent() {
            return new TransferSent(ALICE, transfer("t-1"), BOB, btc("1"), btc("0.001"), balances("0.50000000", "0", "0"));
        }

        @Test
        @DisplayName("gives the sender the money in transit and the fee back")
        void returns() {
            AccountBalances after = balances("1.50000000", "0", "0");
            fixture.given(funded(), sent())
                    .when(new ReturnTransfer(ALICE, TransferOrigin.TRANSFER, transfer("t-1"), btc("0.999"), btc("0.001"), "BALANCE_LIMIT_EXCEEDED"))
                    .expectEvents(new TransferReturned(ALICE, TransferOrigin.TRANSFER, transfer("t-1"), btc("0.999"), btc("0.001"),
                            "BALANCE_LIMIT_EXCEEDED", after))
                    .expectResultMessagePayload(after);
        }

        @Test
        @DisplayName("refuses reaching the balance limit: BALANCE_LIMIT_EXCEEDED")
        void balanceLimit() {
            Money nearLimit = new Money("BTC", new BigDecimal("9999999999999999.00000000"));
            expectRejection(fixture.given(new FundsCredited(ALICE, op("seed"), nearLimit, SystemAccount.MIGRATION, "",
                            balances("9999999999999999.00000000", "0", "0")))
                    .when(new ReturnTransfer(ALICE, TransferOrigin.TRANSFER, transfer("t-1"), btc("0.999"), btc("0.001"), "")),
                    RejectionCode.BALANCE_LIMIT_EXCEEDED);
        }

        @Test
        @DisplayName("refuses a fee in another currency: CURRENCY_MISMATCH")
        void feeCurrency() {
            expectRejection(fixture.given(funded(), sent())
                    .when(new ReturnTransfer(ALICE, TransferOrigin.TRANSFER, transfer("t-1"), btc("0.999"), eth("0.001"), "")),
                    RejectionCode.CURRENCY_MISMATCH);
        }
    }

    @Nested
    @DisplayName("command construction")
    class Construction {

        @Test
        @DisplayName("refuses a zero or negative amount: INVALID_AMOUNT")
        void nonPositiveAmount() {
            assertRejected(() -> new CreditAccount(ALICE, op("pay-1"), btc("0"), SystemAccount.NOWPAYMENTS, ""), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new DebitAccount(ALICE, op("wd-1"), btc("-1"), SystemAccount.WITHDRAWALS, ""), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new LockFunds(ALICE, hold("h-1"), btc("0"), ""), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new MoveToSavings(ALICE, op("save-1"), btc("-0.1")), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new MoveFromSavings(ALICE, op("save-1"), btc("0")), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new SendTransfer(ALICE, transfer("t-1"), BOB, btc("0"), null), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new ReceiveTransfer(BOB, TransferOrigin.TRANSFER, transfer("t-1"), ALICE, btc("-1")), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new ReturnTransfer(ALICE, TransferOrigin.TRANSFER, transfer("t-1"), btc("0"), btc("0"), ""), RejectionCode.INVALID_AMOUNT);
        }

        @Test
        @DisplayName("refuses a negative fee: INVALID_AMOUNT")
        void negativeFee() {
            assertRejected(() -> new SendTransfer(ALICE, transfer("t-1"), BOB, btc("1"), btc("-0.1")), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, btc("-0.1")), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new ReleaseHoldToAccount(ALICE, hold("h-1"), BOB, btc("-0.1")), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new ReturnTransfer(ALICE, TransferOrigin.TRANSFER, transfer("t-1"), btc("1"), btc("-0.1"), ""), RejectionCode.INVALID_AMOUNT);
        }

        @Test
        @DisplayName("refuses a fee that is not below the amount: FEE_NOT_BELOW_AMOUNT")
        void feeNotBelowAmount() {
            assertRejected(() -> new SendTransfer(ALICE, transfer("t-1"), BOB, btc("1"), btc("1")), RejectionCode.FEE_NOT_BELOW_AMOUNT);
            assertRejected(() -> new SendTransfer(ALICE, transfer("t-1"), BOB, btc("1"), btc("2")), RejectionCode.FEE_NOT_BELOW_AMOUNT);
            assertThat(new SendTransfer(ALICE, transfer("t-1"), BOB, btc("1"), btc("0.99999999")).fee()).isEqualTo(btc("0.99999999"));
        }

        @Test
        @DisplayName("refuses a transfer or a hold release to the same account: SAME_ACCOUNT")
        void sameAccount() {
            assertRejected(() -> new SendTransfer(ALICE, transfer("t-1"), ALICE, btc("1"), null), RejectionCode.SAME_ACCOUNT);
            assertRejected(() -> new ReleaseHoldToAccount(ALICE, hold("h-1"), ALICE, null), RejectionCode.SAME_ACCOUNT);
        }

        @Test
        @DisplayName("refuses a recipient in another currency: CURRENCY_MISMATCH")
        void recipientCurrency() {
            assertRejected(() -> new SendTransfer(ALICE, transfer("t-1"), account("bob", "ETH"), btc("1"), null), RejectionCode.CURRENCY_MISMATCH);
            assertRejected(() -> new ReleaseHoldToAccount(ALICE, hold("h-1"), account("bob", "ETH"), null), RejectionCode.CURRENCY_MISMATCH);
        }

        @Test
        @DisplayName("refuses a hold released to transit: VALIDATION_FAILED")
        void releaseToTransit() {
            assertRejected(() -> new ReleaseHold(ALICE, hold("h-1"), SystemAccount.TRANSFERS_IN_FLIGHT, null), RejectionCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("refuses a reason over 200 characters or with control characters: VALIDATION_FAILED")
        void reason() {
            String longest = "r".repeat(Reasons.MAX_REASON_LENGTH);
            assertThat(new CreditAccount(ALICE, op("pay-1"), btc("1"), SystemAccount.NOWPAYMENTS, longest).reason()).isEqualTo(longest);
            assertRejected(() -> new CreditAccount(ALICE, op("pay-1"), btc("1"), SystemAccount.NOWPAYMENTS, longest + "r"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new DebitAccount(ALICE, op("wd-1"), btc("1"), SystemAccount.WITHDRAWALS, "line\nbreak"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new LockFunds(ALICE, hold("h-1"), btc("1"), longest + "r"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new ReturnTransfer(ALICE, TransferOrigin.TRANSFER, transfer("t-1"), btc("1"), btc("0"), longest + "r"), RejectionCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("refuses missing fields: VALIDATION_FAILED")
        void missingFields() {
            assertRejected(() -> new CreditAccount(null, op("pay-1"), btc("1"), SystemAccount.NOWPAYMENTS, ""), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new CreditAccount(ALICE, null, btc("1"), SystemAccount.NOWPAYMENTS, ""), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new CreditAccount(ALICE, op("pay-1"), null, SystemAccount.NOWPAYMENTS, ""), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new DebitAccount(ALICE, op("wd-1"), btc("1"), null, ""), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new UnlockHold(ALICE, null), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new ReleaseHold(ALICE, hold("h-1"), null, null), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new ReleaseHoldToAccount(ALICE, hold("h-1"), null, null), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new ReceiveTransfer(BOB, null, transfer("t-1"), ALICE, btc("1")), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new ReturnTransfer(ALICE, TransferOrigin.TRANSFER, transfer("t-1"), btc("1"), null, ""), RejectionCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("refuses ids of the wrong shape: VALIDATION_FAILED, or UNKNOWN_CURRENCY for a currency code")
        void badIds() {
            assertRejected(() -> op(""), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> op("has space"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> op("-starts-with-dash"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> op("x".repeat(129)), RejectionCode.VALIDATION_FAILED);
            assertThat(op("x".repeat(128)).value()).hasSize(128);
            assertRejected(() -> hold("a/b"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> transfer(null), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> account("ali/ce", "BTC"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> account("ali:ce", "BTC"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> account("alice", "btc"), RejectionCode.UNKNOWN_CURRENCY);
            assertRejected(() -> AccountId.parse("alice"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> SystemAccount.of("fees"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> SystemAccount.of("system:Fees"), RejectionCode.VALIDATION_FAILED);
            assertThat(AccountId.parse("alice/BTC")).isEqualTo(ALICE);
            assertThat(ALICE.key()).isEqualTo("alice/BTC");
        }
    }
}
