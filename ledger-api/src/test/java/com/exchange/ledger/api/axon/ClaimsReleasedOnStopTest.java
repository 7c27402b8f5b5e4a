package com.exchange.ledger.api.axon;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.embeddedstore.EmbeddedMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service that stops cleanly gives its token claims back, so the instance that starts next on the store (a restart,
 * a rolling deployment, the admin command) processes at once instead of waiting out the claim timeout. Before the
 * claims were renewed apart from the wait for events, an idle processor sat in a 10 s wait that its shutdown
 * interrupted after 5 s, and the interrupted thread could no longer write the release: every processor of the next
 * instance stalled for 30 s.
 */
@DisplayName("a clean stop releases every processor's token claim")
class ClaimsReleasedOnStopTest {

    @TempDir
    Path dataDir;

    @Test
    void everyClaimReleased() {
        LedgerApplication.quietAxon();
        ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class).run("--server.port=0",
                "--ledger.data-dir=" + dataDir, "--ledger.mongo-url=", "--logging.level.com.exchange.ledger=warn");
        List<TrackingEventProcessor> processors = new ArrayList<>(ledger.getBean(EventProcessingConfiguration.class)
                .eventProcessors().values().stream().filter(TrackingEventProcessor.class::isInstance)
                .map(TrackingEventProcessor.class::cast).toList());
        assertThat(processors).isNotEmpty();
        // every processor claimed its segments and sits idle in its wait for events
        await().atMost(Duration.ofSeconds(60)).until(() -> processors.stream().allMatch(p -> !p.processingStatus().isEmpty()));

        ledger.close();

        try (EmbeddedMongo store = EmbeddedMongo.persistedIn(dataDir);
             MongoClient client = MongoClients.create(store.connectionString())) {
            List<Document> tokens = client.getDatabase("wallet_ledger").getCollection(AxonConfiguration.TOKEN_COLLECTION)
                    .find().into(new ArrayList<>());
            assertThat(tokens).hasSizeGreaterThanOrEqualTo(processors.size());
            assertThat(tokens).allSatisfy(token -> assertThat(token.get("owner"))
                    .as("owner of %s segment %s", token.get("processorName"), token.get("segment")).isNull());
        }
    }
}
