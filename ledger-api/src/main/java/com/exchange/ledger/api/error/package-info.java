/**
 * Every refusal as application/problem+json with a stable {@code code}; query parameters checked against what the
 * endpoint reads; failures after a response was committed logged once.
 */
package com.exchange.ledger.api.error;
