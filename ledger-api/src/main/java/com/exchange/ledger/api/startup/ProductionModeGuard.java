package com.exchange.ledger.api.startup;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.ArrayList;
import java.util.List;

/**
 * Production mode ({@code IS_STAGING=false}) refuses to start on unsafe settings, before anything is opened: the
 * embedded store, no API keys, no payment gateway secret.
 */
public class ProductionModeGuard implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getProperty("ledger.staging", Boolean.class, true)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (isBlank(environment.getProperty("ledger.mongo-url"))) {
            problems.add("MONGO_URL is not set: production never runs on the embedded store");
        }
        if (isBlank(environment.getProperty("ledger.api-keys"))) {
            problems.add("LEDGER_API_KEYS is not set");
        }
        if (isBlank(environment.getProperty("ledger.nowpayments-ipn-secret"))) {
            problems.add("NOWPAYMENTS_IPN_SECRET is not set");
        }
        if (!problems.isEmpty()) {
            throw new StartupRefusal("RUNNING IN PRODUCTION MODE refused to start: " + String.join("; ", problems)
                    + ". Set them, or IS_STAGING=true for a staging service.");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
