/**
 * The performance floor of the ledger core ({@code bin/benchmark}): commands, account loads, tracking reads and a
 * rebuild at growing store sizes, beside the store's raw insert and read speed.
 */
package com.exchange.ledger.benchmarks.store;
