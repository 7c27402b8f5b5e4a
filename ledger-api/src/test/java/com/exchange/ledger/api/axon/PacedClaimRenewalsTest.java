package com.exchange.ledger.api.axon;

import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.exchange.ledger.projections.eventstore.LedgerSerializer;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("claim renewals paced apart from the wait for events, on axon-mongo's token store over the wire")
class PacedClaimRenewalsTest {

    private static final Duration RENEWAL = Duration.ofSeconds(10);

    private EmbeddedMongo store;
    private MongoClient client;
    private MongoCollection<Document> tokens;
    private final AtomicLong now = new AtomicLong();
    /** Commands sent to the store: a renewal written is one. */
    private final AtomicLong commands = new AtomicLong();

    @BeforeEach
    void open() {
        store = EmbeddedMongo.inMemory();
        client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(new ConnectionString(store.connectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        commands.incrementAndGet();
                    }
                }).build());
        tokens = client.getDatabase("paced").getCollection(AxonConfiguration.TOKEN_COLLECTION);
    }

    @AfterEach
    void close() {
        client.close();
        store.close();
    }

    private TokenStore node(String owner, Duration claimTimeout) {
        return new PacedClaimRenewals(MongoTokenStore.builder().nodeId(owner).claimTimeout(claimTimeout).serializer(LedgerSerializer.create())
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(client, "paced").build()
                        .withTrackingTokenCollection(AxonConfiguration.TOKEN_COLLECTION))
                .build(), RENEWAL, now::get);
    }

    /** The commands {@code action} sent to the store. */
    private long commandsOf(Runnable action) {
        long before = commands.get();
        action.run();
        return commands.get() - before;
    }

    @Test
    @DisplayName("a renewal within the pace is not written; one after it is, and a stored token counts as one")
    void renewalsPaced() throws Exception {
        TokenStore tokenStore = node("a", Duration.ofSeconds(30));
        tokenStore.initializeTokenSegments("p", 1);
        tokenStore.fetchToken("p", 0);

        now.addAndGet(RENEWAL.toNanos() - 1);
        assertThat(commandsOf(() -> tokenStore.extendClaim("p", 0))).as("a renewal within the pace").isZero();
        now.addAndGet(1);
        assertThat(commandsOf(() -> tokenStore.extendClaim("p", 0))).as("a renewal once the pace passed").isPositive();
        now.addAndGet(RENEWAL.toNanos() / 2);
        assertThat(commandsOf(() -> tokenStore.extendClaim("p", 0))).as("a renewal within the pace of the last one").isZero();

        now.addAndGet(RENEWAL.toNanos());
        assertThat(commandsOf(() -> tokenStore.storeToken(GapAwareTrackingToken.newInstance(3, new TreeSet<>()), "p", 0))).isPositive();
        now.addAndGet(RENEWAL.toNanos() / 2);
        assertThat(commandsOf(() -> tokenStore.extendClaim("p", 0))).as("a stored token renewed the claim").isZero();
    }

    @Test
    @DisplayName("a released claim is free at once for another node, and a renewal after the release is written (and refused)")
    void releaseGoesThrough() {
        TokenStore a = node("a", Duration.ofSeconds(30));
        TokenStore b = node("b", Duration.ofSeconds(30));
        a.initializeTokenSegments("p", 1);
        a.fetchToken("p", 0);
        assertThatThrownBy(() -> b.fetchToken("p", 0)).isInstanceOf(UnableToClaimTokenException.class);

        a.releaseClaim("p", 0);
        assertThat(tokens.find().first().get("owner")).isNull();
        b.fetchToken("p", 0);
        assertThat(tokens.find().first().get("owner")).isEqualTo("b");
        assertThatThrownBy(() -> a.extendClaim("p", 0)).as("a renewal is not skipped after a release").isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    @DisplayName("every method of Axon's TokenStore is delegated, none left to the interface's defaults")
    void delegatesEverything() {
        for (Method method : TokenStore.class.getMethods()) {
            if (Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            assertThat(Arrays.stream(PacedClaimRenewals.class.getDeclaredMethods())
                    .anyMatch(m -> m.getName().equals(method.getName()) && Arrays.equals(m.getParameterTypes(), method.getParameterTypes())))
                    .as("PacedClaimRenewals declares %s", method).isTrue();
        }
    }
}
