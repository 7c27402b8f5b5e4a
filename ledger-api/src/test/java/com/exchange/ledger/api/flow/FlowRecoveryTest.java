package com.exchange.ledger.api.flow;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.swap.SwapCommands.RequestSwap;
import com.exchange.ledger.core.swap.SwapId;
import com.exchange.ledger.core.trade.TradeCommands.OpenTrade;
import com.exchange.ledger.core.trade.TradeId;
import com.exchange.ledger.core.trade.TradeProcess;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.core.withdrawal.RequestWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalId;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.DomainEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flows a crash left half-way, finished by the next start: the request recorded, its money steps not yet run. Here
 * the "crash" is the request sent straight to its aggregate (so none of the steps the API would run did) and the
 * service stopped; the next start's sweeper must finish or compensate each flow.
 */
class FlowRecoveryTest {

    private static final Currency BTC = CurrencyTable.defaults().require("BTC");
    private static final Currency USDT = CurrencyTable.defaults().require("USDT");

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        LedgerApplication.quietAxon();
        return new SpringApplicationBuilder(LedgerApplication.class).run("--server.port=0", "--ledger.data-dir=" + dataDir,
                "--ledger.mongo-url=", "--ledger.flows.sweep-interval=200ms", "--ledger.flows.recovery-grace=1s");
    }

    private static AccountBalances recorded(MongoEventStorageEngine engine, AccountId account) {
        List<? extends DomainEventMessage<?>> events = engine.readEvents(account.key(), 0).asStream().toList();
        return ((WalletEvent) events.get(events.size() - 1).getPayload()).after();
    }

    private static String status(MongoDatabase database, String collection, String id) {
        Document flow = database.getCollection(collection).find(Filters.eq("_id", id)).first();
        return flow == null ? null : flow.getString("status");
    }

    @Test
    @DisplayName("after a restart: an interrupted withdrawal gets its lock, an interrupted swap completes, an overdue trade expires")
    void sweeperFinishesInterruptedFlows() {
        AccountId alice = AccountId.of("alice", "BTC");
        AccountId bobUsdt = AccountId.of("bob", "USDT");
        try (ConfigurableApplicationContext ledger = start()) {
            WalletCommandGateway wallets = ledger.getBean(WalletCommandGateway.class);
            CommandSender flows = ledger.getBean(CommandSender.class);
            wallets.send(new CreditAccount(alice, OperationId.of("fund-a"), BTC.parse("1"), SystemAccount.NOWPAYMENTS, "deposit"));
            wallets.send(new CreditAccount(bobUsdt, OperationId.of("fund-b"), USDT.parse("100"), SystemAccount.NOWPAYMENTS, "deposit"));

            flows.send(new RequestWithdrawal(WithdrawalId.of("w-crash"), alice, BTC.parse("0.4"), BTC.parse("0.001"), "bc1qcrash", Instant.now()));
            flows.send(new RequestSwap(SwapId.of("s-crash"), UserId.of("bob"), USDT.parse("50"), BTC, new BigDecimal("0.00001"),
                    USDT.parse("0.5"), Instant.now()));
            ledger.getBean(TradeProcess.class).open(new OpenTrade(TradeId.of("t-crash"), alice, AccountId.of("carl", "BTC"),
                    BTC.parse("0.1"), BTC.zero(), Instant.now(), Instant.now().plusSeconds(2)));
            ledger.getBean(com.exchange.ledger.api.flow.FlowSweeper.class).stop(); // the service dies before any sweep could help
            assertThat(recorded(ledger.getBean(MongoEventStorageEngine.class), alice).locked()).isEqualByComparingTo("0.1");
        }

        try (ConfigurableApplicationContext ledger = start()) {
            MongoEventStorageEngine engine = ledger.getBean(MongoEventStorageEngine.class);
            MongoDatabase database = ledger.getBean(MongoDatabase.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(status(database, "withdrawals", "w-crash")).isEqualTo("pending");
                assertThat(status(database, "swaps", "s-crash")).isEqualTo("completed");
                assertThat(status(database, "p2p_trades", "t-crash")).isEqualTo("expired");
            });
            // the views can show the trade expired before its escrow is unlocked: the unlock is the sweeper's next
            // command, and the product-flows processor's settlement of the batch (ADR 0018)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                AccountBalances aliceNow = recorded(engine, alice);
                assertThat(aliceNow.locked()).as("the withdrawal's amount + fee, the expired trade's escrow returned").isEqualByComparingTo("0.401");
                assertThat(aliceNow.available()).isEqualByComparingTo("0.599");
            });
            assertThat(recorded(engine, bobUsdt).available()).isEqualByComparingTo("49.5");
            assertThat(recorded(engine, AccountId.of("bob", "BTC")).available()).isEqualByComparingTo("0.0005");
        }
    }
}
