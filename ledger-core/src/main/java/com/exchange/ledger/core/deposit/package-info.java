/**
 * Deposits through the NOWPayments gateway: each signed callback is recorded on the payment's
 * {@link com.exchange.ledger.core.deposit.Deposit}, which decides what is due so the total credited equals the most
 * that arrived, once, whatever the number or order of callbacks; {@link com.exchange.ledger.core.deposit.DepositProcess}
 * makes the credits from external:nowpayments.
 */
package com.exchange.ledger.core.deposit;
