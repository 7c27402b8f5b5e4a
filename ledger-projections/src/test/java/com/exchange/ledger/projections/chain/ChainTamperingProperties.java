package com.exchange.ledger.projections.chain;

import com.exchange.ledger.projections.chain.ChainBreak.Kind;
import com.exchange.ledger.projections.eventstore.LedgerSerializer;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.eventstore.WireMongo;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim of ADR 0013 as a property, over the wire-protocol store: for any log, any checkpoint size and any one
 * tampering, the verifier names the lowest position touched, and the kind; an untouched log verifies clean.
 */
class ChainTamperingProperties {

    private static final WireMongo MONGO = new WireMongo();

    @AfterContainer
    static void stop() {
        MONGO.close();
    }

    enum Tampering { NONE, EDIT, DELETE, SWAP, INSERT_ABOVE }

    record Case(int events, int perCheckpoint, Tampering tampering, int first, int second) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.integers().between(2, 40), Arbitraries.integers().between(1, 12),
                        Arbitraries.of(Tampering.class), Arbitraries.integers().between(0, 1_000), Arbitraries.integers().between(0, 1_000))
                .as((events, perCheckpoint, tampering, a, b) -> {
                    int first = 1 + a % events;
                    int second = 1 + (first + b % (events - 1)) % events; // another position than first
                    return new Case(events, perCheckpoint, tampering, first, second);
                });
    }

    @Property(tries = 25)
    void theFirstTamperedPositionIsNamed(@ForAll("cases") Case given) {
        MongoDatabase database = MONGO.freshDatabase();
        try {
            LedgerSerializer serializer = LedgerSerializer.create();
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                    .snapshotSerializer(serializer).build();
            engine.ensureIndexes();
            Map<String, Long> sequences = new HashMap<>();
            for (int i = 0; i < given.events(); i++) {
                String account = "account-" + (i % 3);
                long sequence = sequences.merge(account, 1L, Long::sum) - 1;
                engine.appendEvents(new GenericDomainEventMessage<>("WalletAccount", account, sequence, "credit " + (i + 1) + ".00"));
            }
            Checkpoints checkpoints = new Checkpoints(database);
            new ChainSealer(engine, checkpoints, 0, given.perCheckpoint(), Duration.ofSeconds(60), Clock.systemUTC()).sealOnce();

            MongoCollection<Document> events = database.getCollection("events");
            long first = given.first();
            long second = given.second();
            switch (given.tampering()) {
                case NONE -> { }
                case EDIT -> events.updateOne(Filters.eq("_id", first), Updates.set("payload", "\"credit 1000000.00\""));
                case DELETE -> events.deleteOne(Filters.eq("_id", first));
                case SWAP -> {
                    Document a = events.find(Filters.eq("_id", first)).first();
                    Document b = events.find(Filters.eq("_id", second)).first();
                    events.deleteMany(Filters.in("_id", first, second));
                    events.insertOne(a.append("_id", second));
                    events.insertOne(b.append("_id", first));
                }
                case INSERT_ABOVE -> events.insertOne(events.find(Filters.eq("_id", first)).first()
                        .append("_id", (long) given.events() + 1).append("streamKey", "forged#0").append("operationKey", "forged"));
            }

            ChainVerification verification = new ChainVerifier(engine, checkpoints).verify(OptionalLong.empty());

            switch (given.tampering()) {
                case NONE -> assertThat(verification.firstBreak()).isEmpty();
                case EDIT -> assertThat(verification.firstBreak()).map(b -> b.position() + " " + b.kind()).contains(first + " " + Kind.CHANGED);
                case DELETE -> assertThat(verification.firstBreak()).map(b -> b.position() + " " + b.kind()).contains(first + " " + Kind.DELETED);
                case SWAP -> assertThat(verification.firstBreak()).map(b -> b.position() + " " + b.kind())
                        .contains(Math.min(first, second) + " " + Kind.MOVED);
                case INSERT_ABOVE -> assertThat(verification.firstBreak()).map(b -> b.position() + " " + b.kind())
                        .contains((given.events() + 1) + " " + Kind.INSERTED);
            }
        } finally {
            MONGO.drop(database);
        }
    }
}
