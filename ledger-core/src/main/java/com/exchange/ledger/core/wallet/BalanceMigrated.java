package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Bucket;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.Posting;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.SystemAccount;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One row of a legacy balance collection, brought into the ledger as an opening balance against
 * {@code external:migration}. It names its source (collection, row {@code _id}, the row as it was stored), so an
 * auditor can trace every migrated satoshi to the document it came from. A locked legacy amount becomes an open hold
 * named after the operation, which can later be released or unlocked like any other hold.
 */
public record BalanceMigrated(AccountId account, OperationId operationId, LegacySource source, Money available,
                              Money locked, Money savings, HoldId holdId, AccountBalances after) implements WalletEvent {

    /**
     * What every migrated row's operation id (and so its hold's id) starts with: the migration's own namespace, which
     * no API caller may use, so a hold id found under it can only be the migration's.
     */
    public static final String OPERATION_PREFIX = "migration:";

    /** Whether an operation or hold id is in the migration's namespace. */
    public static boolean isMigrationId(String id) {
        return id != null && id.startsWith(OPERATION_PREFIX);
    }

    /** Where a migrated balance came from: the collection, the row's {@code _id} and the row as Extended JSON. */
    public record LegacySource(String collection, String rowId, String original) {
        public LegacySource {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(rowId, "rowId");
        }
    }

    /**
     * The event that adds a legacy row to an account whose balances are {@code before}. Amounts must be in the
     * account's currency and not negative, and the account must stay below the balance limit.
     */
    public static BalanceMigrated onto(AccountBalances before, AccountId account, OperationId operationId, LegacySource source,
                                       Money available, Money locked, Money savings) {
        for (Money amount : List.of(available, locked, savings)) {
            if (!amount.currency().equals(account.currency())) {
                throw LedgerRejection.invalid(RejectionCode.CURRENCY_MISMATCH, "currency", RuleViolation.Rule.CURRENCY_MISMATCH, "%s is in %s, the amount is in %s",
                        account, account.currency(), amount.currency());
            }
            amount.requireNotNegative("amount");
        }
        AccountBalances after = new AccountBalances(before.available().add(available.amount()),
                before.locked().add(locked.amount()), before.savings().add(savings.amount()));
        if (after.total().compareTo(Money.BALANCE_LIMIT) >= 0) {
            throw LedgerRejection.of(RejectionCode.BALANCE_LIMIT_EXCEEDED, "an account balance must stay below %s",
                    Money.BALANCE_LIMIT.toPlainString());
        }
        HoldId hold = locked.isPositive() ? new HoldId(operationId.value()) : null;
        return new BalanceMigrated(account, operationId, source, available, locked, savings, hold, after);
    }

    /** The event store's operation key of a migrated row, known before the event exists (a re-run skips the row). */
    public static String key(OperationId id) {
        return "op:" + id;
    }

    @Override
    public String operationKey() {
        return key(operationId);
    }

    /** available + locked + savings: what the row adds to the account. */
    public Money total() {
        return available.plus(locked).plus(savings);
    }

    /** Only the buckets the row fills; a row of zeros posts nothing (it still opens the account). */
    @Override
    public List<Posting> postings() {
        List<Posting> postings = new ArrayList<>(4);
        if (!available.isZero()) {
            postings.add(Posting.wallet(account, Bucket.AVAILABLE, available));
        }
        if (!locked.isZero()) {
            postings.add(Posting.wallet(account, Bucket.LOCKED, locked));
        }
        if (!savings.isZero()) {
            postings.add(Posting.wallet(account, Bucket.SAVINGS, savings));
        }
        if (!total().isZero()) {
            postings.add(Posting.system(SystemAccount.MIGRATION, total().negate()));
        }
        return postings;
    }
}
