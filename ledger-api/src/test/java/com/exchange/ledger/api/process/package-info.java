/** Test support: the project's programs run as separate processes, as an operator runs them. */
package com.exchange.ledger.api.process;
