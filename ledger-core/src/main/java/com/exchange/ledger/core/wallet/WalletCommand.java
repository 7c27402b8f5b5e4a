package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.RejectionCode;

/** A command to one wallet account. Every one is idempotent by its {@link #operationKey()}. */
public sealed interface WalletCommand permits
        CreditAccount, DebitAccount, LockFunds, UnlockHold, ReleaseHold, ReleaseHoldToAccount,
        MoveToSavings, MoveFromSavings, SendTransfer, ReceiveTransfer, ReturnTransfer {

    AccountId account();

    /** The key of the event this command produces; see {@link WalletEvent#operationKey()}. */
    String operationKey();

    /** Whether an event already stored under this command's key is this very command's effect. */
    boolean sameIntentAs(WalletEvent earlier);

    /** What to answer when the key was used for something else. */
    default RejectionCode conflictCode() {
        return RejectionCode.OPERATION_CONFLICT;
    }
}
