package com.exchange.ledger.api.ledger;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.wallet.BalanceMigrated;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.DebitAccount;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.ReleaseHold;
import com.exchange.ledger.core.wallet.ReleaseHoldToAccount;
import com.exchange.ledger.core.wallet.SendTransfer;
import com.exchange.ledger.core.wallet.UnlockHold;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;


/**
 * The generic ledger commands of docs/api.md. Each answers 200 with the account's balances as its event recorded them;
 * the same id and body again answers the same — a refusal too, with its status and code — and the same id with
 * another body is 409 {@code OPERATION_CONFLICT} ({@link IdempotentWalletCommands}). A refused command moves no money.
 */
@RestController
@RequestMapping("/api/ledger")
class LedgerCommandController {

    private final IdempotentWalletCommands commands;
    private final CurrencyTable currencies;
    private final HoldAccounts holds;

    LedgerCommandController(IdempotentWalletCommands commands, CurrencyTable currencies, HoldAccounts holds) {
        this.commands = commands;
        this.currencies = currencies;
        this.holds = holds;
    }

    @PostMapping("/credits")
    Mono<LedgerRequests.Outcome> credit(@RequestBody LedgerRequests.Movement body) {
        return commands.run(() -> {
            Currency currency = currencies.require(body.currency());
            CreditAccount credit = new CreditAccount(account(body.userId(), "user_id", currency), OperationId.of(body.operationId()),
                    Amounts.required(body.amount(), currency, "amount"), counter(body.counterAccount()), body.reason());
            return credit;
        }, IdDirectory.Kind.OPERATION, body.operationId());
    }

    @PostMapping("/debits")
    Mono<LedgerRequests.Outcome> debit(@RequestBody LedgerRequests.Movement body) {
        return commands.run(() -> {
            Currency currency = currencies.require(body.currency());
            DebitAccount debit = new DebitAccount(account(body.userId(), "user_id", currency), OperationId.of(body.operationId()),
                    Amounts.required(body.amount(), currency, "amount"), counter(body.counterAccount()), body.reason());
            return debit;
        }, IdDirectory.Kind.OPERATION, body.operationId());
    }

    @PostMapping("/holds")
    Mono<LedgerRequests.Outcome> lock(@RequestBody LedgerRequests.Hold body) {
        return commands.run(() -> {
            if (BalanceMigrated.isMigrationId(body.holdId())) {
                throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "hold_id", RuleViolation.Rule.ID_PREFIX_RESERVED, "hold ids starting with %s are the migration's",
                        BalanceMigrated.OPERATION_PREFIX);
            }
            Currency currency = currencies.require(body.currency());
            LockFunds lock = new LockFunds(account(body.userId(), "user_id", currency), HoldId.of(body.holdId()),
                    Amounts.required(body.amount(), currency, "amount"), body.reason());
            return lock;
        }, IdDirectory.Kind.HOLD, body.holdId());
    }

    @PostMapping("/holds/{holdId}/release")
    Mono<LedgerRequests.Outcome> release(@PathVariable String holdId, @RequestBody(required = false) LedgerRequests.Release body) {
        LedgerRequests.Release release = body == null ? new LedgerRequests.Release(null, null, null) : body;
        return commands.run(() -> {
            HoldId hold = HoldId.of(holdId);
            AccountId account = holds.require(holdId);
            Currency currency = currencies.require(account.currency());
            var fee = Amounts.optional(release.fee(), currency, "fee");
            if (release.toUserId() != null) {
                return new ReleaseHoldToAccount(account, hold, account(release.toUserId(), "to_user_id", currency), fee);
            }
            SystemAccount destination = release.destination() == null ? SystemAccount.WITHDRAWALS : counter(release.destination());
            return new ReleaseHold(account, hold, destination, fee);
        }, null, holdId);
    }

    @PostMapping("/holds/{holdId}/unlock")
    Mono<LedgerRequests.Outcome> unlock(@PathVariable String holdId) {
        return commands.run(() -> {
            HoldId hold = HoldId.of(holdId);
            return new UnlockHold(holds.require(holdId), hold);
        }, null, holdId);
    }

    @PostMapping("/transfers")
    Mono<LedgerRequests.Outcome> transfer(@RequestBody LedgerRequests.Transfer body) {
        return commands.run(() -> {
            Currency currency = currencies.require(body.currency());
            SendTransfer transfer = new SendTransfer(account(body.fromUserId(), "from_user_id", currency), TransferId.of(body.transferId()),
                    account(body.toUserId(), "to_user_id", currency), Amounts.required(body.amount(), currency, "amount"),
                    Amounts.optional(body.fee(), currency, "fee"));
            return transfer;
        }, IdDirectory.Kind.TRANSFER, body.transferId());
    }

    private static AccountId account(String userId, String field, Currency currency) {
        return new AccountId(UserId.of(userId, field), currency.code());
    }

    private static SystemAccount counter(String name) {
        SystemAccount account = name == null ? SystemAccount.TREASURY : SystemAccount.of(name);
        if (account.isTransit()) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "counter_account", RuleViolation.Rule.TRANSIT_ACCOUNT_NOT_ALLOWED, "a transit account is not a counter-party");
        }
        return account;
    }
}
