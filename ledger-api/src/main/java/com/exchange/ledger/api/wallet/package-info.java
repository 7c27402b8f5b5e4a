/**
 * The wallet queries of the pages and product backends: balances with USD values, the portfolio and its allocations
 * (summing to exactly 100.00), the transaction history with cursors.
 */
package com.exchange.ledger.api.wallet;
