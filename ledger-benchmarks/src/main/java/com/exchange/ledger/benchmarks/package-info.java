/**
 * The benchmarks' runnable jar ({@code ledger-benchmarks.jar}): one entry point naming the benchmark to run. The
 * benchmarks live in their own module so the service's and the migration's jars ship no benchmark code (ADR 0016).
 */
package com.exchange.ledger.benchmarks;
