package com.exchange.ledger.api.axon;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.testing.InMemoryLedger;
import com.exchange.ledger.core.wallet.ReceiveTransfer;
import com.exchange.ledger.core.wallet.TransferOrigin;
import com.exchange.ledger.core.wallet.WalletCommand;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.exchange.ledger.core.testing.LedgerFixtures.account;
import static com.exchange.ledger.core.testing.LedgerFixtures.balances;
import static com.exchange.ledger.core.testing.LedgerFixtures.transfer;
import static com.exchange.ledger.core.testing.LedgerFixtures.usdt;
import static org.assertj.core.api.Assertions.assertThat;

/** The Axon command sender, sending from inside an event processor's unit of work, as a policy does. */
@DisplayName("AxonCommandSender inside an event processor's unit of work")
class AxonCommandSenderTest {

    private static final AccountId ALICE = account("alice", "USDT");
    private static final AccountId BOB = account("bob", "USDT");

    private final InMemoryLedger ledger = InMemoryLedger.create(AxonCommandSender::new);

    @AfterEach
    void stopLedger() {
        while (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().rollback();
        }
        assertThat(ledger.policyFailures()).as("policy failures").isEmpty();
        ledger.close();
    }

    private final ReceiveTransfer receive =
            new ReceiveTransfer(BOB, TransferOrigin.TRANSFER, transfer("t-1"), ALICE, usdt("5"));

    private AccountBalances sendWithin(UnitOfWork<?> processing, WalletCommand command) {
        try {
            return ledger.send(command);
        } finally {
            assertThat(CurrentUnitOfWork.get()).as("the processor's unit of work is current again").isSameAs(processing);
        }
    }

    @Test
    @DisplayName("a redelivered command returns its first outcome, and the processor's unit of work commits")
    void redelivered() {
        AccountBalances first = ledger.send(receive);
        UnitOfWork<?> processing = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("redelivered TransferSent"));

        AccountBalances repeated = sendWithin(processing, receive);
        processing.commit();

        assertThat(repeated).isEqualTo(first).isEqualTo(balances("5.000000", "0", "0"));
        assertThat(ledger.events(BOB)).hasSize(1);
        assertThat(CurrentUnitOfWork.isStarted()).isFalse();
    }

    @Test
    @DisplayName("a first-time command is stored when send returns, not when the processor commits")
    void storedAtOnce() {
        UnitOfWork<?> processing = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("TransferSent"));

        AccountBalances received = sendWithin(processing, receive);

        assertThat(ledger.lastRecorded(BOB)).contains(received);
        processing.rollback();
        assertThat(ledger.events(BOB)).as("a command is its own atomic append").hasSize(1);
    }
}
