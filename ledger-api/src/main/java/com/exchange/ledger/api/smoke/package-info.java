/**
 * The deployment plan's Step 5 smoke tests as one command ({@code bin/ledger-admin smoke-test --base-url URL}): a
 * client of a running deployment over its public HTTP API, on test accounts of its own, so an operator gets a
 * pass/fail per step instead of a dozen hand-made {@code curl} calls.
 */
package com.exchange.ledger.api.smoke;
