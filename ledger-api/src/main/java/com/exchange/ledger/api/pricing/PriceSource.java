package com.exchange.ledger.api.pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** USD prices of currencies. The default is a configured table; a live feed implements the same interface. */
public interface PriceSource {

    Optional<BigDecimal> usdPrice(String currency);

    /** When the prices were taken. */
    Instant pricedAt();
}
