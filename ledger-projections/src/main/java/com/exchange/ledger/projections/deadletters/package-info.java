/**
 * Events a read model could not handle, parked per processing group in Axon's Mongo dead-letter queue (design rule
 * 8: never dropped), counted for the reconciliation and offered for a retry.
 */
package com.exchange.ledger.projections.deadletters;
