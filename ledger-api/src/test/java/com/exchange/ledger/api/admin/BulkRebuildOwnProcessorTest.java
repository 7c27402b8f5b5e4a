package com.exchange.ledger.api.admin;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.TestStore;
import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.EventProcessingConfiguration;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bulk rebuild of {@code wallets} (ADR 0020) with each view on a processor of its own, the layout in which the
 * rebuild sets the processor's token: on a store with gaps and tombstones the rebuilt view equals the live one, and
 * the processor goes on live from the token the rebuild stored (the shared layout is {@code ReadSideTest}'s).
 */
@SpringBootTest(properties = "ledger.processing.shared-read-models=false")
@DisplayName("A bulk rebuild of wallets on its own processor: the live documents, then live again from its token")
class BulkRebuildOwnProcessorTest {

    private static final Currency BTC = CurrencyTable.defaults().require("BTC");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        LedgerApplication.quietAxon();
        TestStore.register(registry, "ledger-bulk-rebuild");
        registry.add("server.port", () -> "0");
    }

    @Autowired
    WalletCommandGateway commands;
    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    MongoDatabase ledgerDatabase;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    EventProcessingConfiguration processing;

    private AccountBalances credit(String user, String operation) {
        return commands.send(new CreditAccount(AccountId.of(user, "BTC"), OperationId.of(operation), BTC.parse("0.75"),
                SystemAccount.NOWPAYMENTS, "deposit"));
    }

    /** An index a writer took and never wrote; with {@code fenced}, closed by a tombstone as the sealer closes it. */
    private void hole(boolean fenced) {
        ledgerDatabase.getCollection("event_counters").updateOne(new Document("_id", "events"), new Document("$inc", new Document("last", 1L)));
        if (fenced) {
            assertThat(engine.fence(engine.head())).isTrue();
        }
    }

    private void awaitWallets(long head) {
        CatchUp.await(processing, List.of(WalletsProjection.PROCESSING_GROUP), head, PATIENCE, PATIENCE, done -> { });
    }

    private List<Document> wallets() {
        return ledgerDatabase.getCollection("wallets").find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    @Test
    @DisplayName("equal to the live view on a store with gaps and tombstones, and live again from the stored token")
    void rebuildThenLive() {
        for (int i = 0; i < 40; i++) {
            credit("user-" + (i % 6), "before-" + i);
            if (i % 9 == 3) {
                hole(i % 2 == 0);
            }
        }
        hole(true);
        hole(false);
        credit("user-0", "after-the-holes");
        assertThat(ledgerDatabase.getCollection("events").countDocuments(Filters.eq("tombstone", true))).isPositive();
        long head = engine.head();
        awaitWallets(head);
        List<Document> live = wallets();
        assertThat(live).hasSize(6);

        rebuilds.start(WalletsProjection.PROCESSING_GROUP);
        rebuilds.awaitRebuilt(WalletsProjection.PROCESSING_GROUP, head, PATIENCE, PATIENCE, done -> { });

        assertThat(rebuilds.progress(WalletsProjection.PROCESSING_GROUP).failure()).isNull();
        assertThat(wallets()).isEqualTo(live);

        AccountBalances after = credit("user-5", "after-the-rebuild");
        awaitWallets(engine.head());
        Document user5 = ledgerDatabase.getCollection("wallets").find(Filters.eq("_id", AccountId.of("user-5", "BTC").key())).first();
        assertThat(((Decimal128) user5.get("available_balance")).bigDecimalValue()).isEqualByComparingTo(after.available());
        assertThat(wallets()).hasSize(6);
    }
}
