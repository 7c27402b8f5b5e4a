/**
 * Benchmarks run from {@code bin/benchmark*}: each prints figures beside a baseline measured in the same run, and
 * store commands per operation (docs/benchmarks.md).
 */
package com.exchange.ledger.api.benchmark;
