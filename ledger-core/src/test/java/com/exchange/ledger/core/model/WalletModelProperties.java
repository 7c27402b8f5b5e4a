package com.exchange.ledger.core.model;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.testing.InMemoryLedger;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.DebitAccount;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.MoveFromSavings;
import com.exchange.ledger.core.wallet.MoveToSavings;
import com.exchange.ledger.core.wallet.ReleaseHold;
import com.exchange.ledger.core.wallet.SendTransfer;
import com.exchange.ledger.core.wallet.UnlockHold;
import com.exchange.ledger.core.wallet.WalletCommand;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.exchange.ledger.core.testing.LedgerFixtures.BTC;
import static com.exchange.ledger.core.testing.LedgerFixtures.hold;
import static com.exchange.ledger.core.testing.LedgerFixtures.op;
import static com.exchange.ledger.core.testing.LedgerFixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model check: random command sequences run against the real aggregates (through the in-memory ledger, with its
 * unique operation keys and transfer policy) and against {@link WalletModel}, a plain statement of the rules. Every
 * answer (balances or refusal code) and, after every step, every account's balances must agree. Ids come from
 * pools of three and earlier commands are repeated, so repeats and conflicts are common.
 */
class WalletModelProperties {

    private static final List<String> USERS = List.of("ann", "ben", "cat");

    enum Kind { CREDIT, CREDIT_WITH_FEE, DEBIT, LOCK, UNLOCK, RELEASE, TO_SAVINGS, FROM_SAVINGS, SEND, REPEAT }

    record Step(Kind kind, int user, int other, int id, int cents, int feeCents) {
    }

    @Provide
    Arbitrary<List<Step>> sequences() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(1, 2), Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 400),
                        Arbitraries.integers().between(0, 50))
                .as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void theAggregatesAnswerAsTheModelSays(@ForAll("sequences") List<Step> steps) {
        WalletModel model = new WalletModel();
        List<WalletCommand> sent = new ArrayList<>();
        try (InMemoryLedger ledger = InMemoryLedger.create()) {
            for (Step step : steps) {
                WalletCommand command = command(step, sent);
                if (command == null) {
                    continue;
                }
                sent.add(command);
                WalletModel.Outcome expected = model.apply(command);
                WalletModel.Outcome actual = run(ledger, command);
                Statistics.collect(step.kind(), expected.refusal() == null ? "done" : expected.refusal().name());
                assertThat(actual.refusal()).as("refusal of %s", command).isEqualTo(expected.refusal());
                if (expected.after() != null) {
                    assertSame(actual.after(), expected.after(), command.toString());
                }
                for (Map.Entry<AccountId, AccountBalances> account : model.allBalances().entrySet()) {
                    AccountBalances real = ledger.lastRecorded(account.getKey()).orElse(new AccountBalances(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
                    assertSame(real, account.getValue(), account.getKey() + " after " + command);
                }
            }
            assertThat(ledger.policyFailures()).isEmpty();
        }
    }

    private static WalletModel.Outcome run(InMemoryLedger ledger, WalletCommand command) {
        try {
            return new WalletModel.Outcome(ledger.send(command), null);
        } catch (LedgerRejection refused) {
            return WalletModel.Outcome.refused(refused.code());
        }
    }

    private static void assertSame(AccountBalances actual, AccountBalances expected, String what) {
        assertThat(actual.available()).as("available of %s", what).isEqualByComparingTo(expected.available());
        assertThat(actual.locked()).as("locked of %s", what).isEqualByComparingTo(expected.locked());
        assertThat(actual.savings()).as("savings of %s", what).isEqualByComparingTo(expected.savings());
    }

    private static WalletCommand command(Step step, List<WalletCommand> sent) {
        AccountId account = AccountId.of(USERS.get(step.user()), "BTC");
        Money amount = btc(step.cents());
        Money fee = btc(Math.min(step.feeCents(), step.cents() - 1));
        String id = "id-" + step.id();
        return switch (step.kind()) {
            // credits are larger than the rest so that most other commands find money to move
            case CREDIT -> new CreditAccount(account, op(id + "-" + step.cents()), btc(step.cents() * 5), SystemAccount.NOWPAYMENTS, "deposit");
            case CREDIT_WITH_FEE -> new CreditAccount(account, op(id), amount, SystemAccount.TREASURY, "swap", fee);
            case DEBIT -> new DebitAccount(account, op(id), amount, SystemAccount.WITHDRAWALS, "payout");
            case LOCK -> new LockFunds(account, hold(id), amount, "escrow");
            case UNLOCK -> new UnlockHold(account, hold(id));
            case RELEASE -> new ReleaseHold(account, hold(id), SystemAccount.WITHDRAWALS, btc(step.feeCents()));
            case TO_SAVINGS -> new MoveToSavings(account, op(id), amount);
            case FROM_SAVINGS -> new MoveFromSavings(account, op(id), amount);
            case SEND -> new SendTransfer(account, transfer(id + "-" + step.user()),
                    AccountId.of(USERS.get((step.user() + step.other()) % USERS.size()), "BTC"), amount, fee);
            case REPEAT -> sent.isEmpty() ? null : sent.get(step.cents() % sent.size());
        };
    }

    private static Money btc(int cents) {
        return BTC.amount(BigDecimal.valueOf(cents, 2));
    }
}
