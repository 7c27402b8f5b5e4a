package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test method or {@code @BeforeEach} a fresh {@link MongoDatabase} on one shared {@link WireMongo}: a
 * mongo-java-server on a loopback port, reached by the real driver over TCP, stopped when the test run ends; or, with
 * {@code -Dledger.test.mongo-url}, a database of its own on that store, dropped when the test (or class) is done.
 */
public final class WireMongoExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(WireMongoExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MongoDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        WireMongo mongo = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(WireMongo.class.getName(), key -> new Server(new WireMongo()), Server.class).mongo();
        MongoDatabase database = mongo.freshDatabase();
        // closed when the context that asked for it (the test, or the class for @BeforeAll) ends
        context.getStore(NAMESPACE).put(database.getName(), new Dropped(mongo, database));
        return database;
    }

    private record Server(WireMongo mongo) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            mongo.close();
        }
    }

    private record Dropped(WireMongo mongo, MongoDatabase database) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            mongo.drop(database);
        }
    }
}
