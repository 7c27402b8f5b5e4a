/**
 * Everything the ledger keeps in MongoDB: the event storage engine and, built from its events, the read models.
 * Amounts are stored as Decimal128 at the currency's scale ({@code StoredAmounts}).
 */
package com.exchange.ledger.projections;
