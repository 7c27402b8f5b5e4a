/**
 * One user's money in one currency: the {@code WalletAccount} aggregate with its commands and events (each a
 * balanced journal entry), and the gateway that gives every command an exactly-once effect through the operation log.
 */
package com.exchange.ledger.core.wallet;
