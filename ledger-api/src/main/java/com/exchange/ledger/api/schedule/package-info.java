/**
 * The service's own background work on a fixed delay (the flow sweeper, the chain sealer): one daemon thread each,
 * started and stopped with the application, a failed run logged and retried at the next one.
 */
package com.exchange.ledger.api.schedule;
