/**
 * Proof of liabilities (issue 17 item 2, docs/adr/0015-proof-of-liabilities.md): the Merkle sum tree over every user
 * account's total in one currency, and the verifier a user or an auditor runs with nothing but a proof and the
 * published root. Pure Java (SHA-256 and HMAC of the JDK), so the same check runs in the command line tool, the tests
 * and, ported line by line, in the browser.
 */
package com.exchange.ledger.core.liabilities;
