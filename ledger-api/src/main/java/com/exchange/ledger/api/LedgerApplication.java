package com.exchange.ledger.api;

import com.exchange.ledger.api.startup.StartupRefusal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The wallet ledger service. */
// no user details: every caller is an API key (SecurityConfiguration); Boot's default would log a generated password
@SpringBootApplication(excludeName = {"org.axonframework.springboot.autoconfig.XStreamAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.reactive.ReactiveUserDetailsServiceAutoConfiguration"})
@ConfigurationPropertiesScan
public class LedgerApplication {

    public static void main(String[] args) {
        quietAxon();
        try {
            SpringApplication.run(LedgerApplication.class, args);
        } catch (RuntimeException failure) {
            // a start the operator can fix is said in a sentence; anything else keeps Spring's report and trace
            StartupRefusal refusal = StartupRefusal.in(failure).orElseThrow(() -> failure);
            System.err.println("The ledger service refused to start: " + refusal.getMessage());
            System.exit(StartupRefusal.EXIT_STATUS);
        }
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
