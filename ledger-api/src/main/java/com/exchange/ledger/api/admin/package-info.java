/**
 * Operator tools: projection rebuilds (over HTTP and {@code bin/ledger-admin}), the catch-up wait, the command line's
 * store selection, and the dead-letter queue's listing and retry.
 */
package com.exchange.ledger.api.admin;
