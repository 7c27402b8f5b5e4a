/**
 * The generic ledger commands (credits, debits, holds, transfers) with the id rules of the contract: the id
 * directory, canonical request fingerprints, replayed refusals, the accounts of holds.
 */
package com.exchange.ledger.api.ledger;
