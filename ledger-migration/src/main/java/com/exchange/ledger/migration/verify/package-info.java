/** The deployment plan's checks against {@code wallets}, with what a plain MongoDB client can run, compared exactly. */
package com.exchange.ledger.migration.verify;
