/** Generated legacy data (also used by the tests) and the migration benchmark beside a bulk-insert baseline. */
package com.exchange.ledger.migration.benchmark;
