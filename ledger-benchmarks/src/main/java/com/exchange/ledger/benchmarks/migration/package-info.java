/**
 * The migration of generated legacy rows ({@code bin/benchmark-migration}), beside a bulk insert of as many plain
 * documents into the same store.
 */
package com.exchange.ledger.benchmarks.migration;
