package com.exchange.ledger.api.operations;

import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.actuate.health.AbstractReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * The {@code store} health component: a ping to the database, DOWN when it does not answer within the timeout
 * (the driver itself would wait 30 s for a server). Part of readiness: an instance without its store cannot append
 * or read, so it is taken out of the load balancer until the store is back; liveness stays up, as a restart would
 * not bring the store back.
 */
public final class StoreHealthIndicator extends AbstractReactiveHealthIndicator {

    private final MongoDatabase database;
    private final Duration timeout;

    public StoreHealthIndicator(MongoDatabase database, Duration timeout) {
        super("the store could not be reached");
        this.database = database;
        this.timeout = timeout;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        return Mono.from(database.runCommand(new Document("ping", 1)))
                .timeout(timeout)
                .map(answer -> builder.up().build())
                .onErrorResume(failure -> Mono.just(builder.down().withDetail("error", failure.getClass().getSimpleName()).build()));
    }
}
