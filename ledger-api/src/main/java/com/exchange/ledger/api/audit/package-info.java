/**
 * The auditors' endpoints (scope {@code ledger:audit}): reconciliation, an account's events and its balance at an
 * instant (users and system accounts), open holds, system balances, transfers in flight.
 */
package com.exchange.ledger.api.audit;
