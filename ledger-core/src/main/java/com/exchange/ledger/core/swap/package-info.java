/**
 * Swaps between two currencies of one user at a caller-given rate: the sold side goes to system:treasury, the
 * bought side comes from it, the fee (in either currency) goes to system:fees; all or nothing, also across a crash
 * (see {@link com.exchange.ledger.core.swap.SwapProcess}).
 */
package com.exchange.ledger.core.swap;
