package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Bucket;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.JournalEntry;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.Posting;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's money in one currency: available, locked (the sum of the open holds) and savings, none ever negative.
 * <p>
 * The state is what the rules need and nothing more: three balances and the open holds. Operation ids are not
 * kept here (an account with millions of operations would carry them all in every snapshot); their uniqueness is
 * a unique key of the event store, see {@link WalletEvent#operationKey()}.
 * <p>
 * Every command may open the account, so a first deposit needs no separate "open" step.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class WalletAccount {

    /** A limit on everything: an account with this many open holds has a bug upstream, not a business need. */
    public static final int MAX_OPEN_HOLDS = 10_000;

    @AggregateIdentifier
    private AccountId id;
    private BigDecimal available = BigDecimal.ZERO;
    private BigDecimal locked = BigDecimal.ZERO;
    private BigDecimal savings = BigDecimal.ZERO;
    private Map<String, OpenHold> holds = new LinkedHashMap<>();

    protected WalletAccount() {
        // for Axon and for snapshots
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountBalances handle(CreditAccount command) {
        Money amount = inCurrency(command.account(), command.amount());
        AccountBalances after = withinLimit(new AccountBalances(available.add(amount.minus(command.fee()).amount()), locked, savings));
        apply(new FundsCredited(command.account(), command.operationId(), amount, command.counterAccount(), command.reason(), after,
                command.fee()));
        return after;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountBalances handle(DebitAccount command) {
        Money amount = inCurrency(command.account(), command.amount());
        AccountBalances after = new AccountBalances(takeAvailable(amount), locked, savings);
        apply(new FundsDebited(command.account(), command.operationId(), amount, command.counterAccount(), command.reason(), after));
        return after;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountBalances handle(LockFunds command) {
        Money amount = inCurrency(command.account(), command.amount());
        if (holds.containsKey(command.holdId().value())) {
            throw LedgerRejection.of(RejectionCode.HOLD_ALREADY_EXISTS, "hold %s is already open on %s", command.holdId(), command.account());
        }
        if (holds.size() >= MAX_OPEN_HOLDS) {
            throw LedgerRejection.of(RejectionCode.TOO_MANY_OPEN_HOLDS, "%s already has %d open holds", command.account(), MAX_OPEN_HOLDS);
        }
        AccountBalances after = new AccountBalances(takeAvailable(amount), locked.add(amount.amount()), savings);
        apply(new FundsLocked(command.account(), command.holdId(), amount, command.reason(), after));
        return after;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountBalances handle(UnlockHold command) {
        OpenHold hold = openHold(command.account(), command.holdId());
        AccountBalances after = new AccountBalances(available.add(hold.amount().amount()), locked.subtract(hold.amount().amount()), savings);
        apply(new HoldUnlocked(command.account(), command.holdId(), hold.amount(), after));
        return after;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountBalances handle(ReleaseHold command) {
        OpenHold hold = openHold(command.account(), command.holdId());
        Money fee = Reasons.fee(command.fee(), hold.amount());
        AccountBalances after = new AccountBalances(available, locked.subtract(hold.amount().amount()), savings);
        apply(new HoldReleased(command.account(), command.holdId(), hold.amount(), fee, command.destination(), after));
        return after;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountBalances handle(ReleaseHoldToAccount command) {
        OpenHold hold = openHold(command.account(), command.holdId());
        Money fee = Reasons.fee(command.fee(), hold.amount());
        AccountBalances after = new AccountBalances(available, locked.subtract(hold.amount().amount()), savings);
        apply(new HoldReleasedToAccount(command.account(), command.holdId(), hold.amount(), fee, command.recipient(), after));
        return after;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountBalances handle(MoveToSavings command) {
        Money amount = inCurrency(command.account(), command.amount());
        AccountBalances after = new AccountBalances(takeAvailable(amount), locked, savings.add(amount.amount()));
        apply(new MovedToSavings(command.account(), command.operationId(), amount, after));
        return after;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountBalances handle(MoveFromSavings command) {
        Money amount = inCurrency(command.account(), command.amount());
        if (savings.compareTo(amount.amount()) < 0) {
            throw LedgerRejection.of(RejectionCode.INSUFFICIENT_SAVINGS, "%s has %s in savings, %s requested",
                    command.account(), savings.toPlainString(), amount.toPlainString());
        }
        AccountBalances after = new AccountBalances(available.add(amount.amount()), locked, savings.subtract(amount.amount()));
        apply(new MovedFromSavings(command.account(), command.operationId(), amount, after));
        return after;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountBalances handle(SendTransfer command) {
        Money amount = inCurrency(command.account(), command.amount());
        AccountBalances after = new AccountBalances(takeAvailable(amount), locked, savings);
        apply(new TransferSent(command.account(), command.transferId(), command.recipient(), amount, command.fee(), after));
        return after;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountBalances handle(ReceiveTransfer command) {
        Money amount = inCurrency(command.account(), command.amount());
        AccountBalances after = withinLimit(new AccountBalances(available.add(amount.amount()), locked, savings));
        apply(new TransferReceived(command.account(), command.origin(), command.transferId(), command.sender(), amount, after));
        return after;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public AccountBalances handle(ReturnTransfer command) {
        Money amount = inCurrency(command.account(), command.amount());
        Money fee = inCurrency(command.account(), command.fee());
        AccountBalances after = withinLimit(new AccountBalances(available.add(amount.plus(fee).amount()), locked, savings));
        apply(new TransferReturned(command.account(), command.origin(), command.transferId(), amount, fee, command.reason(), after));
        return after;
    }

    @EventSourcingHandler
    void on(WalletEvent event) {
        // the pair of the storage engine's check before the write: double entry holds for every event applied or replayed
        if (!JournalEntry.isBalanced(event)) {
            throw new IllegalStateException("event " + event.getClass().getSimpleName() + " on " + event.account()
                    + " is not a balanced journal entry: " + event.postings());
        }
        id = event.account();
        for (Posting posting : event.postings()) {
            if (posting.account().equals(id)) {
                change(posting.bucket(), posting.delta().amount());
            }
        }
        if (event instanceof FundsLocked locked) {
            holds.put(locked.holdId().value(), new OpenHold(locked.amount(), locked.reason()));
        } else if (event instanceof HoldUnlocked unlocked) {
            holds.remove(unlocked.holdId().value());
        } else if (event instanceof HoldReleased released) {
            holds.remove(released.holdId().value());
        } else if (event instanceof HoldReleasedToAccount released) {
            holds.remove(released.holdId().value());
        } else if (event instanceof BalanceMigrated migrated && migrated.holdId() != null) {
            holds.put(migrated.holdId().value(), new OpenHold(migrated.locked(), "migrated from " + migrated.source().collection()));
        }
        assertConsistentWith(event);
    }

    private void change(Bucket bucket, BigDecimal delta) {
        switch (bucket) {
            case AVAILABLE -> available = available.add(delta);
            case LOCKED -> locked = locked.add(delta);
            case SAVINGS -> savings = savings.add(delta);
            case BALANCE -> throw new IllegalStateException("a wallet account has no BALANCE bucket");
        }
    }

    /** The postings and the recorded balances are two statements of the same fact; a mismatch is a bug. */
    private void assertConsistentWith(WalletEvent event) {
        AccountBalances recorded = event.after();
        if (available.compareTo(recorded.available()) != 0 || locked.compareTo(recorded.locked()) != 0
                || savings.compareTo(recorded.savings()) != 0 || available.signum() < 0 || locked.signum() < 0
                || savings.signum() < 0) {
            throw new IllegalStateException("event " + event.getClass().getSimpleName() + " on " + id
                    + " leaves " + balances() + " but records " + recorded);
        }
    }

    private Money inCurrency(AccountId account, Money amount) {
        if (!amount.currency().equals(account.currency())) {
            throw LedgerRejection.invalid(RejectionCode.CURRENCY_MISMATCH, "currency", RuleViolation.Rule.CURRENCY_MISMATCH, "%s is in %s, the amount is in %s",
                    account, account.currency(), amount.currency());
        }
        return amount;
    }

    private BigDecimal takeAvailable(Money amount) {
        BigDecimal rest = available.subtract(amount.amount());
        if (rest.signum() < 0) {
            throw LedgerRejection.of(RejectionCode.INSUFFICIENT_FUNDS, "%s has %s available, %s requested",
                    amount.currency(), available.toPlainString(), amount.toPlainString());
        }
        return rest;
    }

    private static AccountBalances withinLimit(AccountBalances after) {
        if (after.total().compareTo(Money.BALANCE_LIMIT) >= 0) {
            throw LedgerRejection.of(RejectionCode.BALANCE_LIMIT_EXCEEDED, "an account balance must stay below %s",
                    Money.BALANCE_LIMIT.toPlainString());
        }
        return after;
    }

    private OpenHold openHold(AccountId account, HoldId holdId) {
        OpenHold hold = holds.get(holdId.value());
        if (hold == null) {
            throw LedgerRejection.of(RejectionCode.HOLD_NOT_FOUND, "%s has no open hold %s", account, holdId);
        }
        return hold;
    }

    AccountBalances balances() {
        return new AccountBalances(available, locked, savings);
    }
}
