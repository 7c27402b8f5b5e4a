package com.exchange.ledger.projections.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mongo-java-server on a loopback port, reached through the real driver over TCP; a fresh database per call.
 * Public so the projection tests of the other packages use the same server.
 */
public final class WireMongo implements AutoCloseable {

    private static final AtomicInteger databases = new AtomicInteger();

    private final MongoServer server;
    private final MongoClient client;

    public WireMongo() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    public MongoDatabase freshDatabase() {
        return client.getDatabase("ledger_test_" + databases.incrementAndGet());
    }

    public MongoClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
