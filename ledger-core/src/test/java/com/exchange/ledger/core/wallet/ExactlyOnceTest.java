package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Bucket;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.testing.InMemoryLedger;
import com.exchange.ledger.core.testing.LedgerBalances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;

import static com.exchange.ledger.core.testing.LedgerFixtures.account;
import static com.exchange.ledger.core.testing.LedgerFixtures.balances;
import static com.exchange.ledger.core.testing.LedgerFixtures.hold;
import static com.exchange.ledger.core.testing.LedgerFixtures.op;
import static com.exchange.ledger.core.testing.LedgerFixtures.transfer;
import static com.exchange.ledger.core.testing.LedgerFixtures.usdt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Exactly-once effect through the WalletCommandGateway and the event store's unique operation keys")
class ExactlyOnceTest {

    private static final AccountId ALICE = account("alice", "USDT");
    private static final AccountId BOB = account("bob", "USDT");
    private static final String USDT = "USDT";

    private InMemoryLedger ledger;

    @BeforeEach
    void startLedger() {
        ledger = InMemoryLedger.create();
    }

    @AfterEach
    void stopLedger() {
        assertThat(ledger.policyFailures()).as("policy failures").isEmpty();
        ledger.close();
    }

    private AccountBalances deposit(AccountId account, String operationId, String amount) {
        return ledger.send(new CreditAccount(account, op(operationId), usdt(amount), SystemAccount.NOWPAYMENTS, "deposit"));
    }

    private static void assertRejected(Executable command, RejectionCode code) {
        assertThatThrownBy(command::execute)
                .isInstanceOf(LedgerRejection.class)
                .extracting(failure -> ((LedgerRejection) failure).code())
                .isEqualTo(code);
    }

    private long eventsWithKey(AccountId account, String operationKey) {
        return ledger.events(account).stream().filter(event -> event.operationKey().equals(operationKey)).count();
    }

    @Nested
    @DisplayName("the same command sent twice")
    class SameCommandTwice {

        @Test
        @DisplayName("returns the first balances and credits once")
        void creditOnce() {
            AccountBalances first = deposit(ALICE, "pay-1", "100");
            AccountBalances second = deposit(ALICE, "pay-1", "100");

            assertThat(second).isEqualTo(first).isEqualTo(balances("100.000000", "0", "0"));
            assertThat(ledger.events(ALICE)).hasSize(1);
            assertThat(ledger.balances().wallet(ALICE).available()).isEqualByComparingTo("100");
            assertThat(ledger.balances().system(SystemAccount.NOWPAYMENTS, USDT)).isEqualByComparingTo("-100");
        }

        @Test
        @DisplayName("is answered from the operation log at the store's first refusal, without retrying")
        void repeatIsNotRetried() {
            deposit(ALICE, "pay-1", "100");
            int dispatchedBefore = ledger.dispatchedCommands();

            deposit(ALICE, "pay-1", "100");

            assertThat(ledger.refusedAppends()).isEqualTo(1);
            assertThat(ledger.dispatchedCommands() - dispatchedBefore).isEqualTo(1);
        }

        @Test
        @DisplayName("a lock, an unlock and a move to savings each take effect once")
        void everyKindOnce() {
            deposit(ALICE, "pay-1", "100");
            LockFunds lock = new LockFunds(ALICE, hold("h-1"), usdt("30"), "withdrawal");
            MoveToSavings save = new MoveToSavings(ALICE, op("save-1"), usdt("10"));
            UnlockHold unlock = new UnlockHold(ALICE, hold("h-1"));

            AccountBalances locked = ledger.send(lock);
            assertThat(ledger.send(lock)).isEqualTo(locked);
            AccountBalances saved = ledger.send(save);
            assertThat(ledger.send(save)).isEqualTo(saved);
            AccountBalances unlocked = ledger.send(unlock);
            assertThat(ledger.send(unlock)).isEqualTo(unlocked);
            assertThat(ledger.send(lock)).as("a hold id is never reused, even after it settled").isEqualTo(locked);

            assertThat(ledger.events(ALICE)).hasSize(4);
            assertThat(ledger.lastRecorded(ALICE)).contains(balances("90.000000", "0E-6", "10.000000"));
        }

        @Test
        @DisplayName("a debit repeated after the balance was spent still returns its first outcome")
        void debitAfterBalanceSpent() {
            deposit(ALICE, "pay-1", "100");
            DebitAccount withdrawal = new DebitAccount(ALICE, op("wd-1"), usdt("60"), SystemAccount.WITHDRAWALS, "withdrawal");
            AccountBalances first = ledger.send(withdrawal);
            ledger.send(new DebitAccount(ALICE, op("wd-2"), usdt("40"), SystemAccount.WITHDRAWALS, "withdrawal"));

            AccountBalances repeated = ledger.send(withdrawal);

            assertThat(repeated).isEqualTo(first).isEqualTo(balances("40.000000", "0", "0"));
            assertThat(eventsWithKey(ALICE, withdrawal.operationKey())).isEqualTo(1);
            assertThat(ledger.balances().wallet(ALICE).available()).isEqualByComparingTo("0");
        }
    }

    @Nested
    @DisplayName("the same key with different content")
    class SameKeyDifferentContent {

        @Test
        @DisplayName("a second deposit with another amount is an OPERATION_CONFLICT and changes nothing")
        void differentAmount() {
            deposit(ALICE, "pay-1", "100");

            assertRejected(() -> deposit(ALICE, "pay-1", "101"), RejectionCode.OPERATION_CONFLICT);
            assertThat(ledger.events(ALICE)).hasSize(1);
        }

        @Test
        @DisplayName("a debit under a deposit's operation id is an OPERATION_CONFLICT")
        void differentKind() {
            deposit(ALICE, "pay-1", "100");

            assertRejected(() -> ledger.send(new DebitAccount(ALICE, op("pay-1"), usdt("100"), SystemAccount.WITHDRAWALS, "")),
                    RejectionCode.OPERATION_CONFLICT);
            assertThat(ledger.lastRecorded(ALICE)).contains(balances("100.000000", "0", "0"));
        }

        @Test
        @DisplayName("a second lock with the same hold id and another amount is HOLD_ALREADY_EXISTS")
        void holdReused() {
            deposit(ALICE, "pay-1", "100");
            ledger.send(new LockFunds(ALICE, hold("h-1"), usdt("30"), "withdrawal"));

            assertRejected(() -> ledger.send(new LockFunds(ALICE, hold("h-1"), usdt("31"), "withdrawal")),
                    RejectionCode.HOLD_ALREADY_EXISTS);
            assertThat(ledger.balances().wallet(ALICE).locked()).isEqualByComparingTo("30");
        }

        @Test
        @DisplayName("release after unlock is HOLD_ALREADY_SETTLED and the funds stay available")
        void releaseAfterUnlock() {
            deposit(ALICE, "pay-1", "100");
            ledger.send(new LockFunds(ALICE, hold("h-1"), usdt("30"), "withdrawal"));
            ledger.send(new UnlockHold(ALICE, hold("h-1")));

            assertRejected(() -> ledger.send(new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, null)),
                    RejectionCode.HOLD_ALREADY_SETTLED);
            assertThat(ledger.lastRecorded(ALICE)).contains(balances("100.000000", "0E-6", "0"));
            assertThat(ledger.balances().system(SystemAccount.WITHDRAWALS, USDT)).isEqualByComparingTo("0");
        }

        @Test
        @DisplayName("unlock after release is HOLD_ALREADY_SETTLED and nothing comes back")
        void unlockAfterRelease() {
            deposit(ALICE, "pay-1", "100");
            ledger.send(new LockFunds(ALICE, hold("h-1"), usdt("30"), "withdrawal"));
            ledger.send(new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, usdt("1")));

            assertRejected(() -> ledger.send(new UnlockHold(ALICE, hold("h-1"))), RejectionCode.HOLD_ALREADY_SETTLED);
            assertThat(ledger.lastRecorded(ALICE)).contains(balances("70.000000", "0E-6", "0"));
        }

        @Test
        @DisplayName("a release repeated with the same destination and fee returns its first outcome; another fee conflicts")
        void releaseRepeated() {
            deposit(ALICE, "pay-1", "100");
            ledger.send(new LockFunds(ALICE, hold("h-1"), usdt("30"), "withdrawal"));
            ReleaseHold release = new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, usdt("1"));
            AccountBalances first = ledger.send(release);

            assertThat(ledger.send(release)).isEqualTo(first);
            assertRejected(() -> ledger.send(new ReleaseHold(ALICE, hold("h-1"), SystemAccount.WITHDRAWALS, usdt("2"))),
                    RejectionCode.HOLD_ALREADY_SETTLED);
            assertThat(ledger.balances().system(SystemAccount.FEES, USDT)).isEqualByComparingTo("1");
            assertThat(ledger.balances().system(SystemAccount.WITHDRAWALS, USDT)).isEqualByComparingTo("29");
        }

        @Test
        @DisplayName("a transfer id reused for another recipient is an OPERATION_CONFLICT")
        void transferReused() {
            deposit(ALICE, "pay-1", "100");
            ledger.send(new SendTransfer(ALICE, transfer("t-1"), BOB, usdt("10"), null));

            assertRejected(() -> ledger.send(new SendTransfer(ALICE, transfer("t-1"), account("carol", "USDT"), usdt("10"), null)),
                    RejectionCode.OPERATION_CONFLICT);
            assertThat(ledger.events(account("carol", "USDT"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("a transfer between two wallets")
    class Transfers {

        @Test
        @DisplayName("goes end to end: sender debited, recipient credited less the fee, transit back to zero, fee in system:fees")
        void endToEnd() {
            deposit(ALICE, "pay-1", "100");

            AccountBalances sender = ledger.send(new SendTransfer(ALICE, transfer("t-1"), BOB, usdt("10"), usdt("0.5")));

            LedgerBalances balances = ledger.balances();
            assertThat(sender).isEqualTo(balances("90.000000", "0", "0"));
            assertThat(ledger.lastRecorded(BOB)).contains(balances("9.500000", "0", "0"));
            assertThat(balances.system(SystemAccount.TRANSFERS_IN_FLIGHT, USDT)).isEqualByComparingTo("0");
            assertThat(balances.system(SystemAccount.FEES, USDT)).isEqualByComparingTo("0.5");
            assertThat(balances.totalsByCurrency().get(USDT)).isEqualByComparingTo("0");
        }

        @Test
        @DisplayName("sent twice, it is delivered once")
        void sentTwice() {
            deposit(ALICE, "pay-1", "100");
            SendTransfer send = new SendTransfer(ALICE, transfer("t-1"), BOB, usdt("10"), usdt("0.5"));

            AccountBalances first = ledger.send(send);
            AccountBalances second = ledger.send(send);

            assertThat(second).isEqualTo(first);
            assertThat(ledger.events(BOB)).singleElement().isInstanceOf(TransferReceived.class);
            assertThat(ledger.balances().wallet(BOB).available()).isEqualByComparingTo("9.5");
        }

        @Test
        @DisplayName("a hold released to another account arrives there less the fee")
        void holdReleasedToAccount() {
            deposit(ALICE, "pay-1", "100");
            ledger.send(new LockFunds(ALICE, hold("trade-1"), usdt("25"), "p2p escrow"));

            AccountBalances seller = ledger.send(new ReleaseHoldToAccount(ALICE, hold("trade-1"), BOB, usdt("0.25")));

            assertThat(seller).isEqualTo(balances("75.000000", "0E-6", "0"));
            assertThat(ledger.events(BOB)).singleElement()
                    .isInstanceOfSatisfying(TransferReceived.class, received -> {
                        assertThat(received.origin()).isEqualTo(TransferOrigin.HOLD_RELEASE);
                        assertThat(received.amount()).isEqualTo(usdt("24.75"));
                    });
            assertThat(ledger.balances().system(SystemAccount.TRANSFERS_IN_FLIGHT, USDT)).isEqualByComparingTo("0");
            assertThat(ledger.balances().system(SystemAccount.FEES, USDT)).isEqualByComparingTo("0.25");
        }

        @Test
        @DisplayName("refused by the recipient (balance limit), it comes back to the sender with the fee")
        void refusedAndReturned() {
            deposit(ALICE, "pay-1", "100");
            Money nearLimit = new Money(USDT, Money.BALANCE_LIMIT.subtract(BigDecimal.ONE).setScale(6));
            ledger.send(new CreditAccount(BOB, op("seed-1"), nearLimit, SystemAccount.TREASURY, "seed"));

            AccountBalances sender = ledger.send(new SendTransfer(ALICE, transfer("t-1"), BOB, usdt("10"), usdt("0.5")));

            assertThat(sender).as("the send itself succeeded").isEqualTo(balances("90.000000", "0", "0"));
            assertThat(ledger.events(ALICE)).last().isInstanceOfSatisfying(TransferReturned.class, returned -> {
                assertThat(returned.amount()).isEqualTo(usdt("9.5"));
                assertThat(returned.fee()).isEqualTo(usdt("0.5"));
                assertThat(returned.reason()).isEqualTo(RejectionCode.BALANCE_LIMIT_EXCEEDED.name());
                assertThat(returned.after()).isEqualTo(balances("100.000000", "0", "0"));
            });
            LedgerBalances balances = ledger.balances();
            assertThat(balances.wallet(BOB).available()).isEqualByComparingTo(nearLimit.amount());
            assertThat(balances.system(SystemAccount.TRANSFERS_IN_FLIGHT, USDT)).isEqualByComparingTo("0");
            assertThat(balances.system(SystemAccount.FEES, USDT)).isEqualByComparingTo("0");
            assertThat(balances.of(ALICE, USDT, Bucket.AVAILABLE)).isEqualByComparingTo("100");
        }

        @Test
        @DisplayName("refused and sent again, it is returned once")
        void refusedTwice() {
            deposit(ALICE, "pay-1", "100");
            Money nearLimit = new Money(USDT, Money.BALANCE_LIMIT.subtract(BigDecimal.ONE).setScale(6));
            ledger.send(new CreditAccount(BOB, op("seed-1"), nearLimit, SystemAccount.TREASURY, "seed"));
            SendTransfer send = new SendTransfer(ALICE, transfer("t-1"), BOB, usdt("10"), usdt("0.5"));

            ledger.send(send);
            ledger.send(send);

            assertThat(ledger.events(ALICE)).extracting(event -> event.getClass().getSimpleName())
                    .containsExactly("FundsCredited", "TransferSent", "TransferReturned");
            assertThat(ledger.balances().wallet(ALICE).available()).isEqualByComparingTo("100");
        }
    }
}
