/**
 * USD prices: a configured table by default, replaced by any {@code PriceSource} bean (a live feed).
 */
package com.exchange.ledger.api.pricing;
