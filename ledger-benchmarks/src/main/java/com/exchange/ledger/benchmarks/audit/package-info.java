/**
 * The auditors' reads at size ({@code bin/benchmark-audit}): proof of liabilities and statements, beside raw reads of
 * the same store.
 */
package com.exchange.ledger.benchmarks.audit;
