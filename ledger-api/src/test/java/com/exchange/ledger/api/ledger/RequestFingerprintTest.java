package com.exchange.ledger.api.ledger;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.MoveFromSavings;
import com.exchange.ledger.core.wallet.MoveToSavings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A request's fingerprint is its canonical content under the API's names, not its Java form")
class RequestFingerprintTest {

    private static final CurrencyTable CURRENCIES = new CurrencyTable(Map.of("BTC", 8, "USDT", 6));
    private static final AccountId ALICE = AccountId.of("alice", "BTC");

    @Test
    @DisplayName("pinned: a stored fingerprint must match after an upgrade, whatever the records are called by then")
    void pinned() throws Exception {
        CreditAccount credit = new CreditAccount(ALICE, OperationId.of("op-1"), CURRENCIES.require("BTC").amount(new BigDecimal("1.5")),
                SystemAccount.TREASURY, "bonus");
        String canonical = "request=6:credit;account=9:alice/BTC;operation_id=4:op-1;amount=14:BTC 1.50000000;"
                + "counter_account=15:system:treasury;reason=5:bonus;fee=14:BTC 0.00000000;";
        assertThat(RequestFingerprint.of(credit)).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    @DisplayName("every field counts, a direction too; an amount written with another scale is the same amount")
    void everyFieldCounts() {
        var btc = CURRENCIES.require("BTC");
        LockFunds lock = new LockFunds(ALICE, HoldId.of("h-1"), btc.amount(new BigDecimal("0.1")), "escrow");
        assertThat(RequestFingerprint.of(lock)).isEqualTo(RequestFingerprint.of(
                new LockFunds(ALICE, HoldId.of("h-1"), btc.amount(new BigDecimal("0.10000")), "escrow")));
        assertThat(RequestFingerprint.of(lock)).isNotEqualTo(RequestFingerprint.of(
                new LockFunds(ALICE, HoldId.of("h-1"), btc.amount(new BigDecimal("0.1")), "escrow2")));
        assertThat(RequestFingerprint.of(lock)).isNotEqualTo(RequestFingerprint.of(
                new LockFunds(AccountId.of("alicx", "BTC"), HoldId.of("h-1"), btc.amount(new BigDecimal("0.1")), "escrow")));
        assertThat(RequestFingerprint.of(new MoveToSavings(ALICE, OperationId.of("s-1"), btc.amount(BigDecimal.ONE))))
                .isNotEqualTo(RequestFingerprint.of(new MoveFromSavings(ALICE, OperationId.of("s-1"), btc.amount(BigDecimal.ONE))));
    }
}
