package com.exchange.ledger.api.store;

import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.exchange.ledger.api.LedgerProperties;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.lang.Nullable;

/** Which MongoDB the service talks to: {@code MONGO_URL}/{@code DB_NAME}, or the embedded store when unset. */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

    /** Present only when the service runs on the embedded store. */
    @Bean(destroyMethod = "close")
    @Nullable
    EmbeddedMongo embeddedMongo(LedgerProperties properties) {
        return properties.embedded() ? EmbeddedMongo.persistedIn(properties.dataDir()) : null;
    }

    @Bean
    ConnectionString mongoConnectionString(LedgerProperties properties, @Nullable EmbeddedMongo embeddedMongo) {
        return new ConnectionString(embeddedMongo != null ? embeddedMongo.connectionString() : properties.mongoUrl());
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(ConnectionString connectionString, ObjectProvider<CommandListener> commandListeners) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connectionString)
                .applicationName("wallet-ledger");
        commandListeners.orderedStream().forEach(settings::addCommandListener);
        return MongoClients.create(settings.build());
    }

    /** The reactive driver, for the query endpoints. */
    @Bean(destroyMethod = "close")
    com.mongodb.reactivestreams.client.MongoClient reactiveMongoClient(ConnectionString connectionString) {
        return com.mongodb.reactivestreams.client.MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(connectionString).applicationName("wallet-ledger-queries").build());
    }

    @Bean
    com.mongodb.reactivestreams.client.MongoDatabase reactiveLedgerDatabase(
            com.mongodb.reactivestreams.client.MongoClient reactiveMongoClient, LedgerProperties properties) {
        return reactiveMongoClient.getDatabase(properties.dbName());
    }

    @Bean
    MongoDatabase ledgerDatabase(MongoClient mongoClient, LedgerProperties properties) {
        return mongoClient.getDatabase(properties.dbName());
    }
}
