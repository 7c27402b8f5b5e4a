/**
 * Wiring shared by the product flows: their command sender, the sweeper that expires trades and resumes flows a crash
 * left half-way, the flows' views and typed queries.
 */
package com.exchange.ledger.api.flow;
