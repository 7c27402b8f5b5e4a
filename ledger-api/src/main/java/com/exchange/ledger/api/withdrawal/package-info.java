/**
 * Withdrawals: amount and fee locked on request, approved (released) or rejected (unlocked) once by an admin whose
 * key's name is recorded; listed by status and user.
 */
package com.exchange.ledger.api.withdrawal;
