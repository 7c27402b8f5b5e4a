/**
 * Transfers over HTTP at several client counts ({@code bin/benchmark-http}), beside the legacy in-place design measured
 * in the same run on the same store: once behind the same HTTP stack and once without HTTP.
 */
package com.exchange.ledger.benchmarks.http;
