package com.exchange.ledger.core.deposit;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;

/** A deposit as its events left it; {@code dueNow} is the credit the command just made due, if any. */
public record DepositState(PaymentId paymentId, AccountId account, String status, Money creditedTotal, int credits,
                           boolean reviewRequired, String reviewReason, DepositEvents.DepositCreditDue dueNow) {
}
