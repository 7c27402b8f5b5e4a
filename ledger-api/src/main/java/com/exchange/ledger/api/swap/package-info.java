/**
 * Swaps: one currency for another at the caller's rate, all or nothing, counter-legs against {@code system:treasury}.
 */
package com.exchange.ledger.api.swap;
