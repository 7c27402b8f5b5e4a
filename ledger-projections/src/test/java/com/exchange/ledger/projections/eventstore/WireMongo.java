package com.exchange.ledger.projections.eventstore;

import com.exchange.ledger.core.testing.ExternalStore;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.bson.BsonDocument;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mongo-java-server on a loopback port, reached through the real driver over TCP; a fresh database per call.
 * With {@code -Dledger.test.mongo-url} ({@link ExternalStore}) no server is started: the databases are made on that
 * store, with names no other run uses, and dropped on {@link #close()} (or earlier by {@link #drop}).
 * Public so the projection tests of the other packages use the same server.
 */
public final class WireMongo implements AutoCloseable {

    private final MongoServer server;
    private final String connectionString;
    private final MongoClient client;
    private final List<String> created = new CopyOnWriteArrayList<>();

    public WireMongo() {
        String external = ExternalStore.url().orElse(null);
        server = external == null ? new MongoServer(new MemoryBackend()) : null;
        connectionString = external == null ? server.bindAndGetConnectionString() : external;
        client = MongoClients.create(connectionString);
    }

    public MongoDatabase freshDatabase() {
        String name = ExternalStore.uniqueDatabaseName("wire");
        created.add(name);
        return client.getDatabase(name);
    }

    /** Drops a database this instance made; only the external store keeps them past the run, so only there. */
    public void drop(MongoDatabase database) {
        if (created.remove(database.getName()) && server == null && ExternalStore.isTestDatabase(database.getName())) {
            client.getDatabase(database.getName()).drop();
        }
    }

    /** For a test that needs a client of its own (one that listens to the commands it sends). */
    public String connectionString() {
        return connectionString;
    }

    public MongoClient client() {
        return client;
    }

    /** A client of its own that records every command it sends in {@code sent}; the caller closes it. */
    public MongoClient recordingClient(List<BsonDocument> sent) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        sent.add(event.getCommand().clone());
                    }
                })
                .build());
    }

    @Override
    public void close() {
        if (server == null) {
            created.forEach(name -> client.getDatabase(name).drop());
        }
        created.clear();
        client.close();
        if (server != null) {
            server.shutdownNow();
        }
    }
}
