package com.exchange.ledger.api.pricing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Prices from configuration ({@code ledger.prices.BTC=97000.00}): fixed until the service is restarted. */
public final class ConfiguredPriceSource implements PriceSource {

    private final Map<String, BigDecimal> prices = new TreeMap<>();
    private final Instant loadedAt;

    public ConfiguredPriceSource(Map<String, BigDecimal> configured, Clock clock) {
        if (configured != null) {
            configured.forEach((code, price) -> {
                if (price.signum() < 0) {
                    throw new IllegalArgumentException("price of " + code + " must not be negative");
                }
                prices.put(code.toUpperCase(Locale.ROOT), price);
            });
        }
        this.loadedAt = clock.instant();
    }

    @Override
    public Optional<BigDecimal> usdPrice(String currency) {
        return Optional.ofNullable(prices.get(currency));
    }

    @Override
    public Instant pricedAt() {
        return loadedAt;
    }
}
