/**
 * Withdrawals: a user's request locks amount + fee in a hold, an admin approves (the amount leaves to
 * external:withdrawals, the fee goes to system:fees) or rejects (the hold is unlocked), once. The
 * {@link com.exchange.ledger.core.withdrawal.Withdrawal} aggregate holds the state; the
 * {@link com.exchange.ledger.core.withdrawal.WithdrawalProcess} moves the money.
 */
package com.exchange.ledger.core.withdrawal;
