/**
 * The value types every feature shares: exact money and its currency table, user, account and operation ids,
 * postings of a double-entry journal, and the one rejection every rule reports with.
 */
package com.exchange.ledger.core.shared;
