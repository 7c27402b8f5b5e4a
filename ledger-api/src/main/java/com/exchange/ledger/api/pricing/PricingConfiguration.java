package com.exchange.ledger.api.pricing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;

/** The configured price table, unless a live feed provides its own {@link PriceSource} bean. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PricingConfiguration.Prices.class)
public class PricingConfiguration {

    @ConfigurationProperties(prefix = "ledger")
    public record Prices(Map<String, BigDecimal> prices) {
    }

    @Bean
    @ConditionalOnMissingBean(PriceSource.class)
    PriceSource configuredPrices(Prices prices) {
        return new ConfiguredPriceSource(prices.prices(), Clock.systemUTC());
    }
}
