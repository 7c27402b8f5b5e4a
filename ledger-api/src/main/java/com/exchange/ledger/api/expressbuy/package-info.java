/**
 * Express buy: a confirmed fiat payment credits crypto from {@code system:treasury}, once per order and once per
 * payment reference.
 */
package com.exchange.ledger.api.expressbuy;
