/**
 * Tests of what auditors and downstream consumers read beyond the reconciliation: statements and the event feed,
 * over real HTTP against one service on the embedded store ({@link com.exchange.ledger.api.auditing.AuditFixture}).
 */
package com.exchange.ledger.api.auditing;
