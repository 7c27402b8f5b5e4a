package com.exchange.ledger.api.crash;

import com.exchange.ledger.api.axon.AxonConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service restarted after a {@code kill -9} on its embedded store owns its event processors' claims under the same
 * name as the killed one (the store's locked file), so it takes them back at once instead of waiting out the claim
 * timeout: its transfer policy delivers a new transfer's second leg right after the restart.
 */
@DisplayName("A restart after kill -9 takes its processors' claims back at once")
class RestartAfterKillTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("the claims' owner is the store's file before the kill and after the restart, and the restarted instance "
            + "delivers a transfer")
    void claimsTakenBack() throws Exception {
        String owner = "embedded-store:" + dataDir.resolve("ledger.mv").toAbsolutePath();
        try (ServiceProcess first = ServiceProcess.start("--ledger.data-dir=" + dataDir, "--ledger.mongo-url=")) {
            assertThat(first.call("POST", "/api/ledger/credits",
                    "{\"operation_id\":\"fund\",\"user_id\":\"ada\",\"currency\":\"USDT\",\"amount\":\"10\"}").statusCode()).isEqualTo(200);
            transfer(first, "t-1", "1");
            await().atMost(Duration.ofSeconds(60)).until(() -> "1.000000".equals(available(first, "bob")));
            assertThat(claimOwners(first)).isNotEmpty().containsOnly(owner);
            first.kill();
        }
        try (ServiceProcess restarted = ServiceProcess.start("--ledger.data-dir=" + dataDir, "--ledger.mongo-url=")) {
            transfer(restarted, "t-2", "2");
            // a bound on a loaded machine, not a measure: what proves the claims were taken back, rather than waited
            // out (20-30 s after the kill: they were renewed at most 10 s before it), is their owner's name
            await().atMost(Duration.ofSeconds(25)).until(() -> "3.000000".equals(available(restarted, "bob")));
            assertThat(claimOwners(restarted)).containsOnly(owner);
        }
    }

    private static void transfer(ServiceProcess service, String id, String amount) throws Exception {
        assertThat(service.call("POST", "/api/ledger/transfers", "{\"transfer_id\":\"" + id + "\",\"from_user_id\":\"ada\","
                + "\"to_user_id\":\"bob\",\"currency\":\"USDT\",\"amount\":\"" + amount + "\"}").statusCode()).isEqualTo(200);
    }

    private static String available(ServiceProcess service, String user) throws Exception {
        for (JsonNode balance : service.get("/api/wallets/balances/" + user).get("balances")) {
            if (balance.get("currency").asText().equals("USDT")) {
                return balance.get("available_balance").asText();
            }
        }
        return null;
    }

    /** The owners of the claimed token entries (an entry nobody holds has none). */
    private static List<String> claimOwners(ServiceProcess service) throws Exception {
        List<String> owners = new ArrayList<>();
        try (MongoClient mongo = MongoClients.create(service.embeddedStoreUrl())) {
            for (Document token : mongo.getDatabase("wallet_ledger").getCollection(AxonConfiguration.TOKEN_COLLECTION).find()) {
                if (token.getString("owner") != null) {
                    owners.add(token.getString("owner"));
                }
            }
        }
        return owners;
    }
}
