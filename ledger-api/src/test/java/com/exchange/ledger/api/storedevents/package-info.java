/**
 * The promise that stored events stay readable: a store written by earlier code ({@code stored-events} test
 * resource) replays, on this code, to the same balances and views, with every stored type name still known.
 */
package com.exchange.ledger.api.storedevents;
