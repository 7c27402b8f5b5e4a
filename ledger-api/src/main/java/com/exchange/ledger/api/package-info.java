/**
 * The wallet ledger service: the Spring Boot application, its settings ({@code LedgerProperties}) and the JSON
 * conventions of the HTTP contract (docs/api.md). Each feature has its package below; a controller maps HTTP to a use
 * case and nothing else.
 */
package com.exchange.ledger.api;
