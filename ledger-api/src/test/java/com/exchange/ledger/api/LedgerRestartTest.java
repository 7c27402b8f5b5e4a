package com.exchange.ledger.api;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.Posting;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.transfer.TransferPolicy;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.MoveToSavings;
import com.exchange.ledger.core.wallet.ReleaseHold;
import com.exchange.ledger.core.wallet.SendTransfer;
import com.exchange.ledger.core.wallet.UnlockHold;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole service on the embedded store, persisted in a temporary directory and reached over TCP by the real
 * driver: commands through Axon's command gateway, a restart, and every balance found intact from the events.
 */
@ExtendWith(OutputCaptureExtension.class)
class LedgerRestartTest {

    private static final Currency BTC = CurrencyTable.defaults().require("BTC");
    private static final AccountId ALICE = AccountId.of("alice", "BTC");
    private static final AccountId BOB = AccountId.of("bob", "BTC");
    private static final AccountId CAROL = AccountId.of("carol", "BTC");

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start(String... extra) {
        LedgerApplication.quietAxon();
        String[] args = new String[extra.length + 3];
        args[0] = "--server.port=0";
        args[1] = "--ledger.data-dir=" + dataDir;
        args[2] = "--ledger.mongo-url=";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return new SpringApplicationBuilder(LedgerApplication.class).run(args);
    }

    private static Money btc(String amount) {
        return BTC.parse(amount);
    }

    private static AccountBalances balances(String available, String locked, String savings) {
        return new AccountBalances(new BigDecimal(available), new BigDecimal(locked), new BigDecimal(savings));
    }

    /** The balances recorded by the last event of an account, read from the event store. */
    private static Optional<AccountBalances> recorded(MongoEventStorageEngine engine, AccountId account) {
        List<? extends DomainEventMessage<?>> events = engine.readEvents(account.key(), 0).asStream().toList();
        return events.isEmpty() ? Optional.empty() : Optional.of(((WalletEvent) events.get(events.size() - 1).getPayload()).after());
    }

    @Test
    @DisplayName("commands through the gateway survive a restart: balances, exactly-once answers, transfers, snapshots")
    void balancesSurviveRestart(CapturedOutput output) {
        Map<AccountId, AccountBalances> expected = new HashMap<>();
        try (ConfigurableApplicationContext ledger = start()) {
            assertThat(output).contains("Central Wallet Service initialized");
            WalletCommandGateway commands = ledger.getBean(WalletCommandGateway.class);
            MongoEventStorageEngine engine = ledger.getBean(MongoEventStorageEngine.class);

            assertThat(commands.send(new CreditAccount(ALICE, OperationId.of("dep-1"), btc("1.5"), SystemAccount.NOWPAYMENTS, "deposit")))
                    .isEqualTo(balances("1.50000000", "0", "0"));
            commands.send(new CreditAccount(BOB, OperationId.of("dep-2"), btc("0.2"), SystemAccount.NOWPAYMENTS, "deposit"));
            commands.send(new LockFunds(ALICE, HoldId.of("wd-1"), btc("0.5"), "withdrawal"));
            commands.send(new ReleaseHold(ALICE, HoldId.of("wd-1"), SystemAccount.WITHDRAWALS, btc("0.0001")));
            commands.send(new MoveToSavings(ALICE, OperationId.of("save-1"), btc("0.3")));
            commands.send(new SendTransfer(ALICE, TransferId.of("t-1"), BOB, btc("0.4"), btc("0.01")));
            await().atMost(Duration.ofSeconds(20)).until(() -> recorded(engine, BOB).orElseThrow().available().compareTo(new BigDecimal("0.59")) == 0);
            for (int i = 0; i < 120; i++) {
                commands.send(new CreditAccount(CAROL, OperationId.of("c-" + i), btc("0.00000001"), SystemAccount.TREASURY, "drip"));
            }
            assertThat(engine.readSnapshot(CAROL.key())).as("a long-lived account is snapshotted").isPresent();

            // the same operation again answers its first outcome, even though the account has moved on
            assertThat(commands.send(new CreditAccount(ALICE, OperationId.of("dep-1"), btc("1.5"), SystemAccount.NOWPAYMENTS, "deposit")))
                    .isEqualTo(balances("1.50000000", "0", "0"));
            assertThatThrownBy(() -> commands.send(new CreditAccount(ALICE, OperationId.of("dep-1"), btc("2"), SystemAccount.NOWPAYMENTS, "deposit")))
                    .isInstanceOfSatisfying(LedgerRejection.class, r -> assertThat(r.code()).isEqualTo(RejectionCode.OPERATION_CONFLICT));

            for (AccountId account : List.of(ALICE, BOB, CAROL)) {
                expected.put(account, recorded(engine, account).orElseThrow());
            }
            assertThat(expected.get(ALICE)).isEqualTo(balances("0.30000000", "0.00000000", "0.30000000"));
            assertThat(expected.get(BOB).available()).isEqualByComparingTo("0.59");
            assertThat(expected.get(CAROL).available()).isEqualByComparingTo("0.00000120");
        }

        try (ConfigurableApplicationContext ledger = start()) {
            WalletCommandGateway commands = ledger.getBean(WalletCommandGateway.class);
            MongoEventStorageEngine engine = ledger.getBean(MongoEventStorageEngine.class);

            for (AccountId account : List.of(ALICE, BOB, CAROL)) {
                assertThat(recorded(engine, account)).contains(expected.get(account));
            }
            assertThat(commands.send(new CreditAccount(ALICE, OperationId.of("dep-1"), btc("1.5"), SystemAccount.NOWPAYMENTS, "deposit")))
                    .as("exactly-once survives the restart").isEqualTo(balances("1.50000000", "0", "0"));
            assertThat(commands.send(new CreditAccount(CAROL, OperationId.of("c-after"), btc("1"), SystemAccount.TREASURY, "after restart")).available())
                    .as("the account is rebuilt from its snapshot and later events").isEqualByComparingTo("1.00000120");
            assertThatThrownBy(() -> commands.send(new UnlockHold(ALICE, HoldId.of("wd-1"))))
                    .isInstanceOfSatisfying(LedgerRejection.class, r -> assertThat(r.code()).isEqualTo(RejectionCode.HOLD_ALREADY_SETTLED));

            Map<String, BigDecimal> sumPerCurrency = new HashMap<>();
            engine.readEvents(null, false).forEach(message -> {
                for (Posting posting : ((WalletEvent) message.getPayload()).postings()) {
                    sumPerCurrency.merge(posting.delta().currency(), posting.delta().amount(), BigDecimal::add);
                }
            });
            assertThat(sumPerCurrency.get("BTC")).as("double entry: every currency sums to zero").isZero();
        }
    }

    @Test
    @DisplayName("a transfer whose service died after the sending leg is finished by the next start, money in transit meanwhile")
    void transferResumesAfterCrash() {
        try (ConfigurableApplicationContext ledger = start()) {
            WalletCommandGateway commands = ledger.getBean(WalletCommandGateway.class);
            MongoEventStorageEngine engine = ledger.getBean(MongoEventStorageEngine.class);
            ledger.getBean(EventProcessingConfiguration.class).eventProcessor(TransferPolicy.PROCESSING_GROUP).orElseThrow().shutDown();

            commands.send(new CreditAccount(ALICE, OperationId.of("dep-1"), btc("1"), SystemAccount.NOWPAYMENTS, "deposit"));
            commands.send(new SendTransfer(ALICE, TransferId.of("t-crash"), BOB, btc("0.25"), btc("0.05")));

            assertThat(recorded(engine, BOB)).as("the receiving leg has not run").isEmpty();
            assertThat(balanceOf(engine, SystemAccount.TRANSFERS_IN_FLIGHT)).as("in flight, visible").isEqualByComparingTo("0.2");
        } // the service stops between the two legs

        try (ConfigurableApplicationContext ledger = start()) {
            MongoEventStorageEngine engine = ledger.getBean(MongoEventStorageEngine.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> recorded(engine, BOB).isPresent());

            assertThat(recorded(engine, BOB).orElseThrow().available()).isEqualByComparingTo("0.2");
            assertThat(balanceOf(engine, SystemAccount.TRANSFERS_IN_FLIGHT)).isZero();
            assertThat(balanceOf(engine, SystemAccount.FEES)).isEqualByComparingTo("0.05");
        }
    }

    /** A system account's balance: the sum of its postings over the whole event stream. */
    private static BigDecimal balanceOf(MongoEventStorageEngine engine, SystemAccount account) {
        return engine.readEvents(null, false)
                .flatMap(message -> ((WalletEvent) message.getPayload()).postings().stream())
                .filter(posting -> posting.account().equals(account))
                .map(posting -> posting.delta().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    @DisplayName("production mode refuses to start on the embedded store")
    void productionRefusesEmbeddedStore() {
        assertThatThrownBy(() -> start("--ledger.staging=false").close())
                .hasStackTraceContaining("RUNNING IN PRODUCTION MODE refused to start")
                .hasStackTraceContaining("MONGO_URL is not set");
    }
}
