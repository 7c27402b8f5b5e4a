package com.exchange.ledger.core;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.testing.InMemoryLedger;
import com.exchange.ledger.core.testing.LedgerBalances;
import com.exchange.ledger.core.testing.LedgerFixtures;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.DebitAccount;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.MoveFromSavings;
import com.exchange.ledger.core.wallet.MoveToSavings;
import com.exchange.ledger.core.wallet.ReceiveTransfer;
import com.exchange.ledger.core.wallet.ReleaseHold;
import com.exchange.ledger.core.wallet.ReleaseHoldToAccount;
import com.exchange.ledger.core.wallet.ReturnTransfer;
import com.exchange.ledger.core.wallet.SendTransfer;
import com.exchange.ledger.core.wallet.TransferOrigin;
import com.exchange.ledger.core.wallet.TransferReceived;
import com.exchange.ledger.core.wallet.TransferReturned;
import com.exchange.ledger.core.wallet.UnlockHold;
import com.exchange.ledger.core.wallet.WalletCommand;
import com.exchange.ledger.core.wallet.WalletEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.exchange.ledger.core.testing.LedgerFixtures.BTC;
import static com.exchange.ledger.core.testing.LedgerFixtures.USDT;
import static com.exchange.ledger.core.testing.LedgerFixtures.hold;
import static com.exchange.ledger.core.testing.LedgerFixtures.op;
import static com.exchange.ledger.core.testing.LedgerFixtures.transfer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of every wallet command over three users and two currencies, through the in-memory ledger with
 * its unique operation keys and transfer policy. Ids come from small pools, hold commands mostly aim at holds locked
 * earlier (open or already settled) and earlier commands are sent again, so repeats and conflicts are frequent.
 * After every step:
 * <ul>
 *     <li>no wallet bucket is negative;</li>
 *     <li>per currency, the sum over all accounts, wallets and system accounts, is exactly zero;</li>
 *     <li>the fold of all postings equals each account's last recorded balances;</li>
 *     <li>a command answers the balances of the event stored under its key, and that event is its own intent;</li>
 *     <li>a refused command stored nothing; a repeat of a command that succeeded returns its first outcome;</li>
 *     <li>no money is left in transit but what direct ReceiveTransfer/ReturnTransfer commands put there.</li>
 * </ul>
 */
class LedgerInvariantProperties {

    private static final List<String> USERS = List.of("ann", "ben", "cat");
    private static final List<Currency> CURRENCIES = List.of(BTC, USDT);
    /** Ids of ReceiveTransfer/ReturnTransfer sent directly, apart from the policy's own. */
    private static final String DIRECT = "direct-";

    enum Kind {
        CREDIT, DEBIT, LOCK, UNLOCK, RELEASE, RELEASE_TO_ACCOUNT, TO_SAVINGS, FROM_SAVINGS, SEND, RECEIVE, RETURN, REPEAT
    }

    /** One step; all numbers are small indexes and minor units, so a failing case shrinks to something readable. */
    record Step(Kind kind, int user, int otherOffset, int currency, int id, long cents, long feeCents) {
    }

    /** A command sent and, if it succeeded, its first outcome. */
    record Sent(WalletCommand command, Optional<AccountBalances> outcome) {
    }

    @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
    void everyStepKeepsTheLedgerWhole(@ForAll("scenarios") List<Step> steps) {
        try (InMemoryLedger ledger = InMemoryLedger.create()) {
            List<Sent> history = new ArrayList<>();
            for (Step step : steps) {
                Optional<WalletCommand> command = commandFor(step, history);
                if (command.isEmpty()) {
                    continue;
                }
                history.add(send(ledger, command.get(), firstOutcome(history, command.get())));
                assertLedgerIsWhole(ledger);
            }
        }
    }

    private static Sent send(InMemoryLedger ledger, WalletCommand command, Optional<AccountBalances> firstOutcome) {
        int eventsBefore = ledger.events().size();
        try {
            AccountBalances outcome = ledger.send(command);

            Optional<WalletEvent> recorded = ledger.operationLog().find(command.account(), command.operationKey());
            assertThat(recorded).as("the event stored under %s", command.operationKey()).isPresent();
            assertThat(command.sameIntentAs(recorded.get())).as("stored event is this command's intent").isTrue();
            assertThat(outcome).as("the answer is what the stored event recorded").isEqualTo(recorded.get().after());
            firstOutcome.ifPresent(first -> assertThat(outcome).as("a repeat answers the first outcome").isEqualTo(first));
            return new Sent(command, Optional.of(outcome));
        } catch (LedgerRejection refused) {
            assertThat(ledger.events()).as("a refused command (%s) stores nothing", refused.code()).hasSize(eventsBefore);
            assertThat(firstOutcome).as("a repeat of a command that succeeded is never refused, got %s", refused.code()).isEmpty();
            return new Sent(command, Optional.empty());
        }
    }

    /** The outcome of the first time this very command succeeded, if it ever did. */
    private static Optional<AccountBalances> firstOutcome(List<Sent> history, WalletCommand command) {
        return history.stream()
                .filter(sent -> sent.command() == command && sent.outcome().isPresent())
                .findFirst()
                .flatMap(Sent::outcome);
    }

    private static void assertLedgerIsWhole(InMemoryLedger ledger) {
        assertThat(ledger.policyFailures()).as("policy failures").isEmpty();
        List<WalletEvent> events = ledger.events();
        LedgerBalances balances = LedgerBalances.fold(events);

        assertThat(balances.negativeWalletLines()).as("negative wallet buckets").isEmpty();
        balances.totalsByCurrency().forEach((currency, total) ->
                assertThat(total).as("sum over all %s accounts", currency).isEqualByComparingTo(BigDecimal.ZERO));
        Map<AccountId, AccountBalances> lastRecorded = new LinkedHashMap<>();
        events.forEach(event -> lastRecorded.put(event.account(), event.after()));
        lastRecorded.forEach((account, recorded) -> assertThat(balances.wallet(account))
                .as("fold of %s against its last recorded balances", account)
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(recorded));
        for (Currency currency : CURRENCIES) {
            assertThat(balances.system(SystemAccount.TRANSFERS_IN_FLIGHT, currency.code()))
                    .as("%s in transit", currency.code())
                    .isEqualByComparingTo(takenFromTransitDirectly(events, currency.code()));
        }
    }

    /** What direct receive and return commands took out of transit; everything the policy moved has settled. */
    private static BigDecimal takenFromTransitDirectly(List<WalletEvent> events, String currency) {
        BigDecimal taken = BigDecimal.ZERO;
        for (WalletEvent event : events) {
            Money amount = event instanceof TransferReceived received && received.transferId().value().startsWith(DIRECT)
                    ? received.amount()
                    : event instanceof TransferReturned returned && returned.transferId().value().startsWith(DIRECT)
                    ? returned.amount()
                    : null;
            if (amount != null && amount.currency().equals(currency)) {
                taken = taken.subtract(amount.amount());
            }
        }
        return taken;
    }

    private static Optional<WalletCommand> commandFor(Step step, List<Sent> history) {
        if (step.kind() == Kind.REPEAT) {
            return history.isEmpty() ? Optional.empty() : Optional.of(history.get((int) (step.cents() % history.size())).command());
        }
        AccountId account = AccountId.of(USERS.get(step.user()), CURRENCIES.get(step.currency()).code());
        HoldId holdId = hold("h-" + step.id());
        boolean aimed = step.id() != 0; // three steps in four aim at an account (or hold) where something can happen
        switch (step.kind()) {
            case UNLOCK, RELEASE, RELEASE_TO_ACCOUNT -> {
                Optional<LockFunds> lock = pick(succeeded(history, LockFunds.class), step, aimed);
                if (lock.isPresent()) {
                    account = lock.get().account();
                    holdId = lock.get().holdId();
                }
            }
            case DEBIT, LOCK, TO_SAVINGS, SEND -> account = pick(succeeded(history, CreditAccount.class), step, aimed)
                    .map(CreditAccount::account).orElse(account);
            case FROM_SAVINGS -> account = pick(succeeded(history, MoveToSavings.class), step, aimed)
                    .map(MoveToSavings::account).orElse(account);
            default -> {
            }
        }
        Currency currency = LedgerFixtures.CURRENCIES.require(account.currency());
        String id = String.valueOf(step.id());
        Money amount = currency.positiveAmount(BigDecimal.valueOf(step.cents(), 2));
        Money fee = step.feeCents() == 0 ? null : currency.amount(BigDecimal.valueOf(step.feeCents(), 2));
        AccountId other = AccountId.of(USERS.get((USERS.indexOf(account.user().value()) + step.otherOffset()) % USERS.size()),
                currency.code());
        try {
            return Optional.of(switch (step.kind()) {
                case CREDIT -> new CreditAccount(account, operation("deposit-", step), currency.positiveAmount(amount.amount().movePointRight(1)),
                        SystemAccount.NOWPAYMENTS, "deposit");
                case DEBIT -> new DebitAccount(account, operation("withdrawal-", step), amount, SystemAccount.WITHDRAWALS, "withdrawal");
                case LOCK -> new LockFunds(account, holdId, amount, "withdrawal");
                case UNLOCK -> new UnlockHold(account, holdId);
                case RELEASE -> new ReleaseHold(account, holdId, SystemAccount.WITHDRAWALS, fee);
                case RELEASE_TO_ACCOUNT -> new ReleaseHoldToAccount(account, holdId, other, fee);
                case TO_SAVINGS -> new MoveToSavings(account, operation("save-", step), amount);
                case FROM_SAVINGS -> new MoveFromSavings(account, operation("unsave-", step),
                        currency.positiveAmount(amount.amount().movePointLeft(1)));
                case SEND -> new SendTransfer(account, transfer("t-" + id), other, amount, fee);
                case RECEIVE -> new ReceiveTransfer(account, TransferOrigin.TRANSFER, transfer(DIRECT + id), other, amount);
                case RETURN -> new ReturnTransfer(account, TransferOrigin.TRANSFER, transfer(DIRECT + id), amount,
                        fee == null ? currency.zero() : fee, "refused");
                case REPEAT -> throw new IllegalStateException("handled above");
            });
        } catch (LedgerRejection invalid) {
            return Optional.empty(); // e.g. a fee not below the amount: refused before it is a command
        }
    }

    /** Operation ids per kind, except id 0, which every kind shares: the source of cross-kind conflicts. */
    private static OperationId operation(String kind, Step step) {
        return op(step.id() == 0 ? "shared-0" : kind + step.id());
    }

    private static <C extends WalletCommand> List<C> succeeded(List<Sent> history, Class<C> type) {
        return history.stream()
                .filter(sent -> type.isInstance(sent.command()) && sent.outcome().isPresent())
                .map(sent -> type.cast(sent.command()))
                .toList();
    }

    private static <C> Optional<C> pick(List<C> candidates, Step step, boolean aimed) {
        return aimed && !candidates.isEmpty()
                ? Optional.of(candidates.get((int) (step.cents() % candidates.size())))
                : Optional.empty();
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                Tuple.of(8, Kind.CREDIT), Tuple.of(3, Kind.DEBIT), Tuple.of(5, Kind.LOCK), Tuple.of(3, Kind.UNLOCK),
                Tuple.of(3, Kind.RELEASE), Tuple.of(3, Kind.RELEASE_TO_ACCOUNT), Tuple.of(3, Kind.TO_SAVINGS),
                Tuple.of(3, Kind.FROM_SAVINGS), Tuple.of(5, Kind.SEND), Tuple.of(1, Kind.RECEIVE), Tuple.of(1, Kind.RETURN),
                Tuple.of(6, Kind.REPEAT));
        return Combinators.combine(
                        kinds,
                        Arbitraries.integers().between(0, USERS.size() - 1),
                        Arbitraries.integers().between(1, USERS.size() - 1),
                        Arbitraries.integers().between(0, CURRENCIES.size() - 1),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.longs().between(1, 5_000),
                        Arbitraries.longs().between(0, 200))
                .as(Step::new)
                .list().ofMinSize(10).ofMaxSize(40);
    }
}
