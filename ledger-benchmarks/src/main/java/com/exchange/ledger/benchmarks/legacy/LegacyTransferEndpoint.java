package com.exchange.ledger.benchmarks.legacy;

import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The legacy in-place design behind the service's own HTTP stack: added as a source to the service's application
 * ({@code new SpringApplicationBuilder(LedgerApplication.class, LegacyTransferEndpoint.class)}), it answers
 * {@code POST /api/benchmark/legacy/transfers} on the same server, behind the same API-key security, JSON mapping
 * and problem+json refusals, and writes to the same store as the ledger. A benchmark then compares designs, not
 * HTTP stacks. Never part of the service's jar: only the benchmarks start it.
 */
@Configuration(proxyBeanMethods = false)
@Import(LegacyTransferController.class)
public class LegacyTransferEndpoint {

    public static final String PATH = "/api/benchmark/legacy/transfers";

    @Bean
    LegacyLedger legacyLedger(MongoDatabase database) {
        return new LegacyLedger(database);
    }
}
