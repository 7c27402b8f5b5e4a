package com.exchange.ledger.api.axon;

import com.exchange.ledger.api.LedgerApplication;
import com.exchange.ledger.api.readside.HandlerFault;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.transfer.TransferPolicy;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.DebitAccount;
import com.exchange.ledger.core.wallet.ReceiveTransfer;
import com.exchange.ledger.core.wallet.ReturnTransfer;
import com.exchange.ledger.core.wallet.TransferReceived;
import com.exchange.ledger.core.wallet.TransferReturned;
import com.exchange.ledger.core.wallet.WalletAccount;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transfer policy's second legs sent per processor batch (ADR 0018), over HTTP and the real store: the policy's
 * processor is stopped while the transfers are made, so that it finds them all in one batch when it starts again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(HandlerFault.Wiring.class)
class BatchedFollowUpsTest {

    static final String WRITER = "bf-writer-key-0123456";
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Fewer than the policy's batch (50), more than one: all in one batch. */
    static final int TRANSFERS = 40;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) throws IOException {
        LedgerApplication.quietAxon();
        String dataDir = Files.createTempDirectory("ledger-batched-follow-ups-").toString();
        registry.add("ledger.data-dir", () -> dataDir);
        registry.add("ledger.mongo-url", () -> "");
        registry.add("ledger.api-keys", () -> WRITER + "=ledger:write");
    }

    @Autowired
    WebTestClient http;
    @Autowired
    HandlerFault fault;
    @Autowired
    WalletCommandGateway wallets;
    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    BatchedFollowUps followUps;

    @BeforeEach
    void patientClient() {
        http = http.mutate().responseTimeout(PATIENCE).build();
    }

    @AfterEach
    void policyRunning() {
        fault.heal();
        policy().start();
    }

    TrackingEventProcessor policy() {
        return processing.eventProcessor(TransferPolicy.PROCESSING_GROUP, TrackingEventProcessor.class).orElseThrow();
    }

    void post(String path, String json) {
        http.post().uri(path).header("Authorization", "Bearer " + WRITER).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json).exchange().expectStatus().isOk();
    }

    /**
     * {@code TRANSFERS} transfers from one payer, the one numbered {@code refusedAt} to a recipient whose balance is
     * one unit below the limit, made while the policy is stopped; then the policy starts.
     */
    void transfersInOneBatch(String run, int refusedAt) {
        post("/api/ledger/credits", "{\"operation_id\":\"" + run + "-fund\",\"user_id\":\"" + run + "-payer\",\"currency\":\"USDT\","
                + "\"amount\":\"1000\"}");
        // through the wallet commands: an amount this large is beyond what the HTTP contract accepts in one credit
        wallets.send(new CreditAccount(AccountId.of(run + "-full", "USDT"), OperationId.of(run + "-fill"),
                new Money("USDT", Money.BALANCE_LIMIT.subtract(BigDecimal.ONE).setScale(6)),
                SystemAccount.NOWPAYMENTS, "a recipient at its limit"));
        policy().shutDown();
        for (int i = 0; i < TRANSFERS; i++) {
            String recipient = i == refusedAt ? run + "-full" : run + "-payee-" + i;
            post("/api/ledger/transfers", "{\"transfer_id\":\"" + run + "-" + i + "\",\"from_user_id\":\"" + run + "-payer\","
                    + "\"to_user_id\":\"" + recipient + "\",\"currency\":\"USDT\",\"amount\":\"2\",\"fee\":\"0.1\"}");
        }
        policy().start();
    }

    /** Every stored wallet event of this run's transfers, by type and transfer id. */
    Map<String, Long> secondLegs(String run) {
        return engine.readEvents(null, false)
                .map(message -> message.getPayload())
                .filter(WalletEvent.class::isInstance)
                .map(WalletEvent.class::cast)
                .map(event -> event instanceof TransferReceived r && r.transferId().value().startsWith(run + "-")
                        ? "received " + r.transferId().value()
                        : event instanceof TransferReturned r && r.transferId().value().startsWith(run + "-")
                        ? "returned " + r.transferId().value() + " " + r.reason() + " " + r.after().available().toPlainString()
                        : null)
                .filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    Map<String, Long> expected(String run, int refusedAt) {
        Map<String, Long> expected = IntStream.range(0, TRANSFERS).filter(i -> i != refusedAt).boxed()
                .collect(Collectors.toMap(i -> "received " + run + "-" + i, i -> 1L));
        // the payer's 1000 less 39 transfers of 2, with the refused 2 (1.9 + the fee 0.1) back
        expected.put("returned " + run + "-" + refusedAt + " " + RejectionCode.BALANCE_LIMIT_EXCEEDED.name() + " "
                + new BigDecimal("922.000000").toPlainString(), 1L);
        return expected;
    }

    @Test
    @DisplayName("a batch of 40 transfers, one to a recipient that refuses: the 39 others arrive and the refused one is returned exactly once")
    void batchDeliversAllAndReturnsTheRefusedOnce() {
        transfersInOneBatch("bf1", 17);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(secondLegs("bf1")).isEqualTo(expected("bf1", 17)));
        assertThat(followUps.largestBatch()).as("the legs were sent together").isGreaterThan(1);
    }

    @Test
    @DisplayName("a second leg failing for another reason fails the batch; the retry delivers it and doubles nothing, the refused one is returned once")
    void failureFailsTheBatchAndTheRetryDoublesNothing() {
        fault.failNext(WalletAccount.class, ReceiveTransfer.class, 1);

        transfersInOneBatch("bf2", 3);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(secondLegs("bf2")).isEqualTo(expected("bf2", 3)));
        assertThat(fault.thrown()).isEqualTo(1);
        // the batch was retried as a whole after the failure: the legs stored by the first round answered their first outcome
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(policy().processingStatus().values())
                .allSatisfy(status -> assertThat(status.isErrorState()).isFalse()));
        assertThat(secondLegs("bf2")).isEqualTo(expected("bf2", 3));
    }

    @Test
    @DisplayName("a return stored, then the batch failing before its token: the retry does not deliver the returned transfer, "
            + "even to a recipient that would now accept it (ADR 0018's window, closed by ADR 0021's settlement claims)")
    void aReturnedTransferIsNeverDeliveredToo() {
        String run = "bf3";
        post("/api/ledger/credits", "{\"operation_id\":\"" + run + "-fund\",\"user_id\":\"" + run + "-payer\",\"currency\":\"USDT\","
                + "\"amount\":\"1000\"}");
        for (String full : java.util.List.of("a", "b")) {
            wallets.send(new CreditAccount(AccountId.of(run + "-full-" + full, "USDT"), OperationId.of(run + "-fill-" + full),
                    new Money("USDT", Money.BALANCE_LIMIT.subtract(BigDecimal.ONE).setScale(6)),
                    SystemAccount.NOWPAYMENTS, "a recipient at its limit"));
        }
        // b's return fails until healed: a's return is stored and the batch fails before the policy's token moves
        fault.failNext(WalletAccount.class, ReturnTransfer.class,
                payload -> ((ReturnTransfer) payload).transferId().value().equals(run + "-b"), Integer.MAX_VALUE);
        policy().shutDown();
        for (String full : java.util.List.of("a", "b")) {
            post("/api/ledger/transfers", "{\"transfer_id\":\"" + run + "-" + full + "\",\"from_user_id\":\"" + run + "-payer\","
                    + "\"to_user_id\":\"" + run + "-full-" + full + "\",\"currency\":\"USDT\",\"amount\":\"2\",\"fee\":\"0.1\"}");
        }
        policy().start();
        await().atMost(PATIENCE).until(() -> fault.thrown() > 0 && secondLegs(run).keySet().stream().anyMatch(k -> k.startsWith("returned " + run + "-a ")));

        // both recipients fall below the limit: a retried receipt of either would now be accepted
        for (String full : java.util.List.of("a", "b")) {
            wallets.send(new DebitAccount(AccountId.of(run + "-full-" + full, "USDT"), OperationId.of(run + "-drain-" + full),
                    new Money("USDT", new BigDecimal("1000.000000")), SystemAccount.NOWPAYMENTS, "room again"));
        }
        fault.heal();

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(secondLegs(run).keySet()).containsExactlyInAnyOrder(
                "returned " + run + "-a " + RejectionCode.BALANCE_LIMIT_EXCEEDED.name() + " 998.000000", "received " + run + "-b"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(policy().processingStatus().values())
                .allSatisfy(status -> assertThat(status.isErrorState()).isFalse()));
        assertThat(secondLegs(run)).containsOnly(Map.entry("returned " + run + "-a " + RejectionCode.BALANCE_LIMIT_EXCEEDED.name()
                + " 998.000000", 1L), Map.entry("received " + run + "-b", 1L));
    }
}
