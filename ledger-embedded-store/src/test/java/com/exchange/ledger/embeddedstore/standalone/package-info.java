/**
 * A stand-alone wire-protocol store for the {@code external-store} test profile: CI starts it as a process of its
 * own so the tests reach a MongoDB by URL, as they would a real one, without a MongoDB on the machine.
 */
package com.exchange.ledger.embeddedstore.standalone;
