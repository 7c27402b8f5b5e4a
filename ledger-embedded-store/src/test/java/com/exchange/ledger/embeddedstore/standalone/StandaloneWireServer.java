package com.exchange.ledger.embeddedstore.standalone;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.util.concurrent.CountDownLatch;

/**
 * mongo-java-server on 127.0.0.1 as a process of its own, up until it is stopped (SIGTERM):
 * {@code java -cp <ledger-embedded-store's test classpath> com.exchange.ledger.embeddedstore.standalone.StandaloneWireServer
 * [port] [memory|h2]}. Port 0 takes a free one. It prints one line, {@code listening on mongodb://127.0.0.1:port}, once
 * it accepts connections, so a script can wait for that line instead of guessing a delay.
 */
public final class StandaloneWireServer {

    private StandaloneWireServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
        String kind = args.length > 1 ? args[1] : "memory";
        MongoBackend backend = switch (kind) {
            case "memory" -> new MemoryBackend();
            // the H2 backend in memory: the embedded store's engine, without a file to leave behind
            case "h2" -> H2Backend.inMemory();
            default -> throw new IllegalArgumentException("backend must be memory or h2, not " + kind);
        };
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdownNow();
            stopped.countDown();
        }, "wire-server-stop"));
        System.out.println("listening on mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + " (" + kind + " backend)");
        System.out.flush();
        stopped.await();
    }
}
