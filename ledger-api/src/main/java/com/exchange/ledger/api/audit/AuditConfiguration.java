package com.exchange.ledger.api.audit;

import com.exchange.ledger.api.LedgerProperties;
import com.exchange.ledger.projections.audit.Reconciler;
import com.exchange.ledger.projections.chain.ChainSealer;
import com.exchange.ledger.projections.chain.ChainVerifier;
import com.exchange.ledger.projections.chain.Checkpoints;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    Reconciler reconciler(MongoEventStorageEngine engine, MongoDatabase ledgerDatabase) {
        return new Reconciler(engine, ledgerDatabase);
    }

    @Bean
    Checkpoints checkpoints(MongoDatabase ledgerDatabase) {
        return new Checkpoints(ledgerDatabase);
    }

    @Bean
    ChainVerifier chainVerifier(MongoEventStorageEngine engine, Checkpoints checkpoints) {
        return new ChainVerifier(engine, checkpoints);
    }

    @Bean
    ChainSealer chainSealer(MongoEventStorageEngine engine, Checkpoints checkpoints, ChainSealing.Settings settings,
                            LedgerProperties properties) {
        return new ChainSealer(engine, checkpoints, settings.genesisPosition(), settings.maxPerCheckpoint(),
                properties.gapTimeout(), Clock.systemUTC());
    }

    @Bean
    ChainSealing chainSealing(ChainSealer sealer, ChainSealing.Settings settings) {
        return new ChainSealing(sealer, settings.sealInterval(), settings.sealing());
    }
}
