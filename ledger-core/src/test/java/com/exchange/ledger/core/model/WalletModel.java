package com.exchange.ledger.core.model;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.DebitAccount;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.MoveFromSavings;
import com.exchange.ledger.core.wallet.MoveToSavings;
import com.exchange.ledger.core.wallet.ReleaseHold;
import com.exchange.ledger.core.wallet.SendTransfer;
import com.exchange.ledger.core.wallet.UnlockHold;
import com.exchange.ledger.core.wallet.WalletCommand;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The wallet rules written down as simply as possible, with no Axon and no events: plain balances, a map of open
 * holds, and a log of which command used which operation key with what outcome. The model check runs the same
 * commands here and through the real aggregates and compares every answer and every balance.
 */
final class WalletModel {

    /** What a command gets back: the account's balances after it, or the rule that refused it. */
    record Outcome(AccountBalances after, RejectionCode refusal) {
        static Outcome refused(RejectionCode code) {
            return new Outcome(null, code);
        }
    }

    private static final class Account {
        BigDecimal available = BigDecimal.ZERO;
        BigDecimal locked = BigDecimal.ZERO;
        BigDecimal savings = BigDecimal.ZERO;
        final Map<String, BigDecimal> holds = new LinkedHashMap<>();

        AccountBalances balances() {
            return new AccountBalances(available, locked, savings);
        }
    }

    private record Logged(WalletCommand command, Outcome outcome) {
    }

    private final Map<AccountId, Account> accounts = new HashMap<>();
    private final Map<AccountId, Map<String, Logged>> operations = new HashMap<>();

    AccountBalances balancesOf(AccountId account) {
        return accounts.containsKey(account) ? accounts.get(account).balances() : null;
    }

    Map<AccountId, AccountBalances> allBalances() {
        Map<AccountId, AccountBalances> all = new HashMap<>();
        accounts.forEach((id, account) -> all.put(id, account.balances()));
        return all;
    }

    /**
     * An operation key already used on the account decides first: the same command gets its first outcome, any other
     * a conflict. A new key is judged by the rules.
     */
    Outcome apply(WalletCommand command) {
        Map<String, Logged> log = operations.computeIfAbsent(command.account(), a -> new HashMap<>());
        Logged earlier = log.get(command.operationKey());
        if (earlier != null) {
            return earlier.command().equals(command) ? earlier.outcome() : Outcome.refused(command.conflictCode());
        }
        Account account = accounts.computeIfAbsent(command.account(), a -> new Account());
        RejectionCode refusal = rule(command, account);
        if (refusal != null) {
            return Outcome.refused(refusal);
        }
        move(command, account);
        Outcome outcome = new Outcome(account.balances(), null);
        log.put(command.operationKey(), new Logged(command, outcome));
        return outcome;
    }

    private static RejectionCode rule(WalletCommand command, Account account) {
        if (command instanceof DebitAccount c) {
            return enough(account.available, c.amount().amount(), RejectionCode.INSUFFICIENT_FUNDS);
        } else if (command instanceof LockFunds c) {
            return account.holds.containsKey(c.holdId().value()) ? RejectionCode.HOLD_ALREADY_EXISTS
                    : enough(account.available, c.amount().amount(), RejectionCode.INSUFFICIENT_FUNDS);
        } else if (command instanceof UnlockHold c) {
            return account.holds.containsKey(c.holdId().value()) ? null : RejectionCode.HOLD_NOT_FOUND;
        } else if (command instanceof ReleaseHold c) {
            BigDecimal held = account.holds.get(c.holdId().value());
            if (held == null) {
                return RejectionCode.HOLD_NOT_FOUND;
            }
            return c.fee().amount().compareTo(held) >= 0 ? RejectionCode.FEE_NOT_BELOW_AMOUNT : null;
        } else if (command instanceof MoveToSavings c) {
            return enough(account.available, c.amount().amount(), RejectionCode.INSUFFICIENT_FUNDS);
        } else if (command instanceof MoveFromSavings c) {
            return enough(account.savings, c.amount().amount(), RejectionCode.INSUFFICIENT_SAVINGS);
        } else if (command instanceof SendTransfer c) {
            return enough(account.available, c.amount().amount(), RejectionCode.INSUFFICIENT_FUNDS);
        }
        return null; // a credit is always possible at these sizes
    }

    private static RejectionCode enough(BigDecimal balance, BigDecimal wanted, RejectionCode otherwise) {
        return balance.compareTo(wanted) >= 0 ? null : otherwise;
    }

    private void move(WalletCommand command, Account account) {
        if (command instanceof CreditAccount c) {
            account.available = account.available.add(c.amount().amount()).subtract(c.fee().amount());
        } else if (command instanceof DebitAccount c) {
            account.available = account.available.subtract(c.amount().amount());
        } else if (command instanceof LockFunds c) {
            account.available = account.available.subtract(c.amount().amount());
            account.locked = account.locked.add(c.amount().amount());
            account.holds.put(c.holdId().value(), c.amount().amount());
        } else if (command instanceof UnlockHold c) {
            BigDecimal held = account.holds.remove(c.holdId().value());
            account.available = account.available.add(held);
            account.locked = account.locked.subtract(held);
        } else if (command instanceof ReleaseHold c) {
            account.locked = account.locked.subtract(account.holds.remove(c.holdId().value()));
        } else if (command instanceof MoveToSavings c) {
            account.available = account.available.subtract(c.amount().amount());
            account.savings = account.savings.add(c.amount().amount());
        } else if (command instanceof MoveFromSavings c) {
            account.savings = account.savings.subtract(c.amount().amount());
            account.available = account.available.add(c.amount().amount());
        } else if (command instanceof SendTransfer c) {
            account.available = account.available.subtract(c.amount().amount());
            // the recipient receives at once: the in-memory ledger runs the transfer policy after each command
            Account recipient = accounts.computeIfAbsent(c.recipient(), a -> new Account());
            recipient.available = recipient.available.add(c.amount().amount()).subtract(c.fee().amount());
        }
    }
}
