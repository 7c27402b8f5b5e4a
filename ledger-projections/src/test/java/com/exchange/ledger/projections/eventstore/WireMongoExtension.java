package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test method or {@code @BeforeEach} a fresh {@link MongoDatabase} on one shared {@link WireMongo}: a
 * mongo-java-server on a loopback port, reached by the real driver over TCP, stopped when the test run ends.
 */
public final class WireMongoExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MongoDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        WireMongo mongo = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(WireMongo.class.getName(), key -> new Server(new WireMongo()), Server.class).mongo();
        return mongo.freshDatabase();
    }

    private record Server(WireMongo mongo) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            mongo.close();
        }
    }
}
