package com.exchange.ledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The wallet ledger service. */
@SpringBootApplication(excludeName = "org.axonframework.springboot.autoconfig.XStreamAutoConfiguration")
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) {
        quietAxon();
        SpringApplication.run(LedgerApplication.class, args);
    }

    /** Axon's update checker calls out to the internet and writes under ~/.axoniq; the ledger wants neither. */
    public static void quietAxon() {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }
}
