package com.exchange.ledger.projections.eventstore;

import com.exchange.ledger.core.StoredTypes;
import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.wallet.BalanceMigrated;
import com.exchange.ledger.core.wallet.*;
import com.exchange.ledger.core.deposit.DepositEvents.PaymentNotificationRecorded;
import com.exchange.ledger.core.deposit.PaymentId;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LedgerSerializerTest {

    private static final Currency ETH = new Currency("ETH", 18);
    private static final AccountId ALICE = AccountId.of("alice", "ETH");
    private static final AccountId BOB = AccountId.of("bob", "ETH");
    private static final Money ONE_WEI = ETH.parse("0.000000000000000001");
    private static final Money BIG = ETH.parse("123456789012345.123456789012345678");
    private static final AccountBalances AFTER = new AccountBalances(BIG.amount(), ONE_WEI.amount(), new BigDecimal("0E-18"));

    static List<WalletEvent> oneOfEach() {
        return List.of(
                new FundsCredited(ALICE, OperationId.of("op-1"), BIG, SystemAccount.NOWPAYMENTS, "deposit", AFTER),
                new FundsDebited(ALICE, OperationId.of("op-2"), ONE_WEI, SystemAccount.TREASURY, "", AFTER),
                new FundsLocked(ALICE, HoldId.of("h-1"), BIG, "escrow", AFTER),
                new HoldUnlocked(ALICE, HoldId.of("h-1"), BIG, AFTER),
                new HoldReleased(ALICE, HoldId.of("h-2"), BIG, ONE_WEI, SystemAccount.WITHDRAWALS, AFTER),
                new HoldReleasedToAccount(ALICE, HoldId.of("h-3"), BIG, ONE_WEI, BOB, AFTER),
                new MovedToSavings(ALICE, OperationId.of("s-1"), ONE_WEI, AFTER),
                new MovedFromSavings(ALICE, OperationId.of("s-2"), ONE_WEI, AFTER),
                new TransferSent(ALICE, TransferId.of("t-1"), BOB, BIG, ONE_WEI, AFTER),
                new TransferReceived(BOB, TransferOrigin.TRANSFER, TransferId.of("t-1"), ALICE, BIG, AFTER),
                new TransferReturned(ALICE, TransferOrigin.HOLD_RELEASE, TransferId.of("h-3"), BIG, ONE_WEI, "BALANCE_LIMIT_EXCEEDED", AFTER),
                BalanceMigrated.onto(AFTER, ALICE, OperationId.of("migration:crypto_balances:65f0c0ffee"),
                        new BalanceMigrated.LegacySource("crypto_balances", "65f0c0ffee", "{\"amount\": {\"$numberDouble\": \"0.1\"}}"),
                        ONE_WEI, ONE_WEI, ONE_WEI));
    }

    @Test
    @DisplayName("every stored event type round-trips exactly, scale included, under its stable name")
    void roundTrips() {
        LedgerSerializer serializer = LedgerSerializer.create();
        List<WalletEvent> events = oneOfEach();
        assertThat(events.stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("the fixture covers every stored event type")
                .containsExactlyInAnyOrderElementsOf(StoredTypes.all().values().stream()
                        .filter(WalletEvent.class::isAssignableFrom).collect(Collectors.toSet()));
        for (WalletEvent event : events) {
            SerializedObject<String> stored = serializer.serialize(event, String.class);
            assertThat(stored.getType().getName()).isEqualTo(StoredTypes.nameOf(event.getClass()).orElseThrow());
            assertThat(stored.getData()).doesNotContain("E-").doesNotContain("\"negative\"");
            Object back = serializer.deserialize(stored);
            assertThat(back).isEqualTo(event);
        }
    }

    @Test
    @DisplayName("amounts are written as plain decimals with their scale")
    void plainDecimals() {
        String json = LedgerSerializer.create().serialize(oneOfEach().get(1), String.class).getData();
        assertThat(json).contains("\"amount\":0.000000000000000001").contains("\"account\":\"alice/ETH\"");
    }

    @Test
    @DisplayName("a domain type without a stored name is refused when written, never stored under its Java class name")
    void refusesUnnamedDomainType() {
        LedgerSerializer serializer = LedgerSerializer.create();

        assertThatThrownBy(() -> serializer.serialize(AFTER, String.class))
                .isInstanceOf(SerializationException.class).hasMessageContaining(AccountBalances.class.getName());
        assertThat(serializer.serialize("an Axon-side value", String.class).getType().getName()).isEqualTo("java.lang.String");
    }

    @Test
    @DisplayName("a callback stored before 2026-12 (no credit or review inside) reads back with both empty")
    void readsTheOlderNotificationForm() throws Exception {
        LedgerSerializer serializer = LedgerSerializer.create();
        PaymentNotificationRecorded recorded = PaymentNotificationRecorded.only(PaymentId.of("p-1"), ALICE, "finished", ONE_WEI,
                "1E-18", java.time.Instant.parse("2026-11-01T10:00:00Z"));
        SerializedObject<String> stored = serializer.serialize(recorded, String.class);
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode)
                LedgerSerializer.objectMapper().readTree(stored.getData());
        json.remove("credit_due");
        json.remove("creditDue");
        json.remove("review_reason");
        json.remove("reviewReason");

        Object back = serializer.deserialize(new SimpleSerializedObject<>(json.toString(), String.class, stored.getType()));

        assertThat(stored.getType().getName()).isEqualTo("deposit.PaymentNotificationRecorded");
        assertThat(json.toString()).doesNotContain("credit").doesNotContain("review");
        assertThat(back).isEqualTo(recorded);
    }
}
