/**
 * NOWPayments deposits: the signed IPN callback (HMAC-SHA512 over the body as JavaScript re-serialises it), the
 * numbers the signature fixes, the ticker table, and the deposits' reads and review queue.
 */
package com.exchange.ledger.api.deposit;
