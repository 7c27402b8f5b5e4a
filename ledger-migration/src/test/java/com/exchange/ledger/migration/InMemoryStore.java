package com.exchange.ledger.migration;

import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The in-memory wire-protocol store of a test class and a driver client to it, started before the class's tests and
 * stopped after them: {@code @RegisterExtension static final InMemoryStore store = new InMemoryStore();}
 */
public final class InMemoryStore implements BeforeAllCallback, AfterAllCallback {

    private EmbeddedMongo mongo;
    private MongoClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        mongo = EmbeddedMongo.inMemory();
        client = MongoClients.create(mongo.connectionString());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        mongo.close();
    }

    public String connectionString() {
        return mongo.connectionString();
    }

    public MongoDatabase database(String name) {
        return client.getDatabase(name);
    }
}
