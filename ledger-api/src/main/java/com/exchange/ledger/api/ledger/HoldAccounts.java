package com.exchange.ledger.api.ledger;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.wallet.BalanceMigrated;
import com.exchange.ledger.core.wallet.OperationLog;
import com.exchange.ledger.projections.holds.OpenHoldsProjection;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Which account a hold named only by its id (release, unlock) belongs to.
 * <p>
 * A hold opened through the API was claimed in the {@link IdDirectory} when it was locked. A hold the migration
 * opened ({@link BalanceMigrated}) never went through the API: the {@code open_holds} view says which account to
 * look at, and the event store confirms it — the account's migrated row under the hold's id is the truth, the view
 * only an index. The confirmed hold is then claimed in the directory like any other, so the next look-up is direct.
 * The holds of product flows (withdrawals, trades, swaps) are neither, and stay theirs to settle.
 */
@Component
class HoldAccounts {

    private final IdDirectory ids;
    private final OpenHoldsProjection openHolds;
    private final OperationLog operations;

    HoldAccounts(IdDirectory ids, OpenHoldsProjection openHolds, OperationLog operations) {
        this.ids = ids;
        this.openHolds = openHolds;
        this.operations = operations;
    }

    AccountId require(String holdId) {
        return ids.accountOf(IdDirectory.Kind.HOLD, holdId).orElseGet(() -> migrated(HoldId.of(holdId)));
    }

    private AccountId migrated(HoldId hold) {
        if (!BalanceMigrated.isMigrationId(hold.value())) {
            throw notFound(hold);
        }
        List<AccountId> confirmed = openHolds.accountsWithHold(hold).stream().filter(account -> openedByMigration(account, hold)).toList();
        // one legacy row is one account, so a migrated hold id is on one account at most
        if (confirmed.size() != 1) {
            throw notFound(hold);
        }
        ids.claim(IdDirectory.Kind.HOLD, hold.value(), confirmed.get(0));
        return confirmed.get(0);
    }

    private boolean openedByMigration(AccountId account, HoldId hold) {
        return operations.find(account, BalanceMigrated.key(new OperationId(hold.value())))
                .filter(event -> event instanceof BalanceMigrated migrated && hold.equals(migrated.holdId()))
                .isPresent();
    }

    private static LedgerRejection notFound(HoldId hold) {
        return LedgerRejection.of(RejectionCode.HOLD_NOT_FOUND, "no hold %s", hold.value());
    }
}
