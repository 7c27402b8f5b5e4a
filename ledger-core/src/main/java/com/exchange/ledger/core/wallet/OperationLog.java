package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.AccountId;

import java.util.Optional;

/** Finds the event an operation already produced on an account: the memory behind exactly-once, kept by the store. */
public interface OperationLog {

    Optional<WalletEvent> find(AccountId account, String operationKey);
}
