/** How rows written by several generations of legacy code are read: exactly, or rejected whole with a reason. */
package com.exchange.ledger.migration.legacy;
