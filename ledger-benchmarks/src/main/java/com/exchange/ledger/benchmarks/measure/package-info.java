/**
 * What every benchmark measures with, apart from time: the store commands each operation costs (a driver
 * {@code CommandListener}, {@link com.exchange.ledger.benchmarks.measure.StoreCommands}) and the one line per measure
 * that {@code bin/benchmark-suite} collects into its table ({@link com.exchange.ledger.benchmarks.measure.Suite}).
 */
package com.exchange.ledger.benchmarks.measure;
