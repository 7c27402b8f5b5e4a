package com.exchange.ledger.api.axon;

import com.exchange.ledger.projections.eventstore.LedgerSerializer;
import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("read-models' first token on a store the per-view processors ran on (the upgrade to ADR 0011's layout)")
class OldViewTokensTest {

    /** What the event store answers for "before the first event": a token no old processor could hold. */
    private static final TrackingToken TAIL = GapAwareTrackingToken.newInstance(-1, new TreeSet<>());

    private EmbeddedMongo store;
    private MongoClient client;
    private MongoDatabase database;
    private TokenStore tokens;
    private ReadModelsProcessor.OldViewTokens oldViewTokens;

    @BeforeEach
    void store() {
        store = EmbeddedMongo.inMemory();
        client = MongoClients.create(store.connectionString());
        database = client.getDatabase("wallet_ledger");
        Serializer serializer = LedgerSerializer.create();
        tokens = MongoTokenStore.builder().serializer(serializer)
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "wallet_ledger").build()
                        .withTrackingTokenCollection(AxonConfiguration.TOKEN_COLLECTION))
                .build();
        oldViewTokens = new ReadModelsProcessor.OldViewTokens(database, serializer);
    }

    @AfterEach
    void close() {
        client.close();
        store.close();
    }

    private static TrackingToken at(long index) {
        return GapAwareTrackingToken.newInstance(index, new TreeSet<>());
    }

    @Test
    @DisplayName("a fresh store: from the first event")
    void fresh() {
        assertThat(oldViewTokens.initialToken(source())).isEqualTo(TAIL);
    }

    @Test
    @DisplayName("all six views had tokens: the lowest, of any segment, unwrapped from a replay")
    void lowestOfTheSix() {
        long index = 500;
        for (String group : ReadModelFailures.READ_MODEL_GROUPS) {
            tokens.initializeTokenSegments(group, 1, at(index));
            index += 10;
        }
        tokens.initializeTokenSegments("transfer-policy", 1, at(3)); // a policy's token is not a view's
        tokens.initializeTokenSegments("something-else", 2, at(7));
        assertThat(oldViewTokens.initialToken(source())).isEqualTo(at(500));

        database.getCollection(AxonConfiguration.TOKEN_COLLECTION).deleteMany(
                com.mongodb.client.model.Filters.eq("processorName", ReadModelFailures.READ_MODEL_GROUPS.get(2)));
        tokens.initializeTokenSegments(ReadModelFailures.READ_MODEL_GROUPS.get(2), 2,
                ReplayToken.createReplayToken(at(900), at(420)));
        assertThat(oldViewTokens.initialToken(source())).isEqualTo(at(420));
    }

    @Test
    @DisplayName("a view without a token would have started from the first event: so does read-models")
    void oneViewMissing() {
        for (String group : ReadModelFailures.READ_MODEL_GROUPS.subList(1, ReadModelFailures.READ_MODEL_GROUPS.size())) {
            tokens.initializeTokenSegments(group, 1, at(500));
        }
        assertThat(oldViewTokens.initialToken(source())).isEqualTo(TAIL);
    }

    private static StreamableMessageSource<TrackedEventMessage<?>> source() {
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
                throw new UnsupportedOperationException("never read here");
            }

            @Override
            public TrackingToken createTailToken() {
                return TAIL;
            }

            @Override
            public TrackingToken createHeadToken() {
                return at(10_000);
            }

            @Override
            public TrackingToken createTokenAt(Instant dateTime) {
                return at(10_000);
            }

            @Override
            public TrackingToken createTokenSince(Duration duration) {
                return at(10_000);
            }
        };
    }
}
