/**
 * Account statements (issue 17 item 3): an account's opening balance at an instant, every movement of a period with
 * its operation and counter account, the closing balance and the check that the first plus the second is the third,
 * as JSON or CSV, read from the event store and streamed so a long period never sits in memory. Auditors ask under
 * {@code ledger:audit}, a user's own history under {@code ledger:read}.
 */
package com.exchange.ledger.api.statement;
