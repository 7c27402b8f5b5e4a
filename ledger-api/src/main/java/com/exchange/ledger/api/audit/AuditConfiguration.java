package com.exchange.ledger.api.audit;

import com.exchange.ledger.projections.audit.Reconciler;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    Reconciler reconciler(MongoEventStorageEngine engine, MongoDatabase ledgerDatabase) {
        return new Reconciler(engine, ledgerDatabase);
    }
}
