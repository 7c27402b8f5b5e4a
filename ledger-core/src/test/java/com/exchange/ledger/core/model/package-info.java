/** The model check: the wallet rules as a plain model, compared with the real aggregates over random command sequences. */
package com.exchange.ledger.core.model;
