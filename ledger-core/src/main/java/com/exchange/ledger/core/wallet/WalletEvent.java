package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.JournalEntry;

/**
 * Everything that happens to a wallet account. Each event is a balanced journal entry, names the operation it
 * belongs to, and records the account's balances right after it (the outcome a repeated command gets back).
 */
public sealed interface WalletEvent extends JournalEntry permits
        FundsCredited, FundsDebited, FundsLocked, HoldUnlocked, HoldReleased, HoldReleasedToAccount,
        MovedToSavings, MovedFromSavings, TransferSent, TransferReceived, TransferReturned, BalanceMigrated {

    AccountId account();

    /**
     * Unique per account: the event store refuses a second event with the same key, so an operation takes effect
     * once however often, and from however many instances, it is sent.
     */
    String operationKey();

    AccountBalances after();
}
