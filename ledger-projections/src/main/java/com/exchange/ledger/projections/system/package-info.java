/**
 * System account balances (fees, treasury, external and transit accounts) as running sums of the postings that name
 * them, in stream order.
 */
package com.exchange.ledger.projections.system;
