package com.exchange.ledger.api.axon;

import com.exchange.ledger.api.LedgerProperties;
import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.transfer.TransferPolicy;
import com.exchange.ledger.core.wallet.WalletAccount;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.projections.eventstore.LedgerSerializer;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.eventstore.StoredOperationLog;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.exchange.ledger.projections.holds.OpenHoldsProjection;
import com.exchange.ledger.projections.system.SystemBalancesProjection;
import com.exchange.ledger.projections.transfers.TransfersInFlightProjection;
import com.exchange.ledger.projections.transactions.TransactionsProjection;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.lang.Nullable;

/**
 * Axon without Axon Server: the ledger's own MongoDB event storage engine (ADR 0002), axon-mongo's token store,
 * Jackson with stable type names, and the WalletAccount aggregate with a cache and snapshots.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    public static final String TOKEN_COLLECTION = "tracking_tokens";

    @Bean
    @Primary
    Serializer serializer() {
        return LedgerSerializer.create();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    MongoEventStorageEngine eventStorageEngine(MongoDatabase ledgerDatabase, Serializer serializer, LedgerProperties properties,
                                               @Nullable EmbeddedMongo embeddedMongo) {
        MongoEventStorageEngine.Builder builder = MongoEventStorageEngine.builder()
                .database(ledgerDatabase)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .operationKeyOf(MongoEventStorageEngine::walletOperationKey)
                .idClaims(MongoEventStorageEngine.ID_CLAIMS_COLLECTION)
                .gapTimeout(properties.gapTimeout())
                .groupCommit(properties.groupCommit().maxEvents(), properties.groupCommit().maxBytes(),
                        properties.groupCommit().gatherMicros())
                .writeStages(properties.groupCommit().writeStages());
        if (embeddedMongo != null) {
            builder.afterAppend(embeddedMongo::flush);
        }
        MongoEventStorageEngine engine = builder.build();
        engine.ensureIndexes();
        return engine;
    }

    @Bean
    TokenStore tokenStore(MongoClient mongoClient, LedgerProperties properties, Serializer serializer, ProcessorPolling.Settings polling,
                          @Nullable EmbeddedMongo embeddedMongo) {
        MongoTokenStore.Builder tokens = MongoTokenStore.builder();
        nodeId(polling, embeddedMongo).ifPresent(tokens::nodeId);
        return new PacedClaimRenewals(tokens
                .claimTimeout(polling.claimTimeout())
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongoClient, properties.dbName()).build()
                        .withTrackingTokenCollection(TOKEN_COLLECTION))
                .serializer(serializer)
                .build(), polling.claimRenewal());
    }

    /**
     * Who owns this instance's token claims. Axon's default, the JVM's {@code pid@host}, changes with every start, so an
     * instance restarted after a {@code kill -9} waits out its predecessor's claims (the claim timeout) before any
     * processor runs. A name that survives the restart and that no two live instances share lets it take them back at
     * once: {@code ledger.processing.node-id} when set, else the embedded store's locked file.
     */
    static java.util.Optional<String> nodeId(ProcessorPolling.Settings polling, @Nullable EmbeddedMongo embeddedMongo) {
        if (polling.nodeId() != null && !polling.nodeId().isBlank()) {
            return java.util.Optional.of(polling.nodeId().strip());
        }
        return embeddedMongo == null ? java.util.Optional.empty() : embeddedMongo.ownerName();
    }

    /**
     * Snapshots of wallet accounts. Axon's Spring snapshotter looks for aggregate factories among Spring beans; the
     * aggregate is registered without Spring annotations, so its factory is named here.
     */
    @Bean
    Snapshotter snapshotter(EventStore eventStore) {
        return AggregateSnapshotter.builder()
                .eventStore(eventStore)
                .aggregateFactories(new GenericAggregateFactory<>(WalletAccount.class))
                .build();
    }

    /** The warm wallet accounts; a bean so operations tooling (and the benchmark) can empty it. */
    @Bean
    Cache walletAccountCache(LedgerProperties properties) {
        return new AggregateCache(properties.cacheSize());
    }

    @Bean
    ConfigurerModule walletAccountModule(LedgerProperties properties, Cache walletAccountCache) {
        Cache cache = walletAccountCache;
        return configurer -> configurer.configureAggregate(
                AggregateConfigurer.defaultConfiguration(WalletAccount.class)
                        .configureCache(c -> cache)
                        .configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(c.snapshotter(),
                                properties.snapshotThreshold())));
    }

    /** A failing policy step is retried by its processor, never skipped: money must not stay in transit. */
    @Bean
    ConfigurerModule transferPolicyErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(TransferPolicy.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    @Bean
    StoredOperationLog operationLog(MongoEventStorageEngine engine, Serializer serializer) {
        return new StoredOperationLog(engine, serializer);
    }

    /** Every command a process, policy or use case sends: its own atomic append, lost races retried. */
    @Bean
    AxonCommandSender commandSender(CommandGateway commandGateway) {
        return new AxonCommandSender(commandGateway);
    }

    @Bean
    WalletCommandGateway walletCommandGateway(CommandSender commandSender, StoredOperationLog operationLog) {
        return new WalletCommandGateway(commandSender, operationLog);
    }

    @Bean
    WalletsProjection walletsProjection(MongoDatabase ledgerDatabase, CurrencyTable currencyTable) {
        WalletsProjection projection = new WalletsProjection(ledgerDatabase, currencyTable);
        projection.ensureIndexes();
        return projection;
    }

    @Bean
    TransactionsProjection transactionsProjection(MongoDatabase ledgerDatabase, CurrencyTable currencyTable) {
        TransactionsProjection projection = new TransactionsProjection(ledgerDatabase, currencyTable);
        projection.ensureIndexes();
        return projection;
    }

    @Bean
    OpenHoldsProjection openHoldsProjection(MongoDatabase ledgerDatabase, CurrencyTable currencyTable) {
        OpenHoldsProjection projection = new OpenHoldsProjection(ledgerDatabase, currencyTable);
        projection.ensureIndexes();
        return projection;
    }

    @Bean
    SystemBalancesProjection systemBalancesProjection(MongoDatabase ledgerDatabase, CurrencyTable currencyTable, Serializer serializer) {
        return new SystemBalancesProjection(ledgerDatabase, currencyTable, serializer);
    }

    @Bean
    TransfersInFlightProjection transfersInFlightProjection(MongoDatabase ledgerDatabase, CurrencyTable currencyTable) {
        return new TransfersInFlightProjection(ledgerDatabase, currencyTable);
    }

    @Bean
    CurrencyTable currencyTable(LedgerProperties properties) {
        return properties.currencyTable();
    }

    @Bean
    TransferPolicy transferPolicy(WalletCommandGateway walletCommandGateway, BatchedFollowUps followUps) {
        return new TransferPolicy(walletCommandGateway, followUps);
    }
}
