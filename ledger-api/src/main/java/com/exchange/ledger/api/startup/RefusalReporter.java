package com.exchange.ledger.api.startup;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;

/**
 * Tells Spring Boot that a {@link StartupRefusal} is reported by the program that started the application (one
 * sentence), so Boot does not log it as "Application run failed" with its stack trace.
 */
public class RefusalReporter implements SpringBootExceptionReporter, Ordered {

    @Override
    public boolean reportException(Throwable failure) {
        return StartupRefusal.in(failure).isPresent();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
