/** Accepted rows folded per account into seed events and appended through the ledger's storage engine, resumably. */
package com.exchange.ledger.migration.seed;
