/**
 * The ledger's domain: money, accounts, commands, events and policies, free of HTTP and storage. {@link
 * com.exchange.ledger.core.StoredTypes} fixes the names under which its events are stored.
 */
package com.exchange.ledger.core;
