/** The HTTP contract of docs/api.md as a caller meets it: query parameters, reads by id, the shape of every answer. */
package com.exchange.ledger.api.contract;
