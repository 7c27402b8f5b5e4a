/**
 * Express buy: a confirmed fiat payment buys crypto, credited from system:treasury once per order and once per
 * payment reference; the fee is kept in the crypto (to system:fees).
 */
package com.exchange.ledger.core.expressbuy;
