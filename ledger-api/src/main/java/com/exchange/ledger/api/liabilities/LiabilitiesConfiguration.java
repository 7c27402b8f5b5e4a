package com.exchange.ledger.api.liabilities;

import com.exchange.ledger.api.axon.ProcessorPolling;
import com.exchange.ledger.api.axon.ReadModelsProcessor;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.liabilities.LiabilitiesTrees;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class LiabilitiesConfiguration {

    /** The view's token is read from the processor that handles {@code wallets} under the service's layout (ADR 0011). */
    @Bean
    LiabilitiesTrees liabilitiesTrees(MongoEventStorageEngine engine, MongoDatabase ledgerDatabase,
                                      ReadModelsProcessor.OldViewTokens tokens, ProcessorPolling.Settings settings) {
        String processor = ReadModelsProcessor.processorOf(WalletsProjection.PROCESSING_GROUP, settings);
        LiabilitiesTrees trees = new LiabilitiesTrees(engine, ledgerDatabase, () -> tokens.storedToken(processor), Clock.systemUTC());
        trees.ensureIndexes();
        return trees;
    }
}
