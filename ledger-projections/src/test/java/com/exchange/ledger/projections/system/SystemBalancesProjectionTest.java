package com.exchange.ledger.projections.system;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.wallet.*;
import com.exchange.ledger.projections.eventstore.LedgerSerializer;
import com.exchange.ledger.projections.eventstore.WireMongoExtension;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.exchange.ledger.core.testing.LedgerFixtures.*;
import static com.exchange.ledger.projections.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(WireMongoExtension.class)
@DisplayName("SystemBalancesProjection: system_balances, running sums of the system postings")
class SystemBalancesProjectionTest {


    private MongoCollection<Document> balances;
    private SystemBalancesProjection projection;

    @BeforeEach
    void freshView(MongoDatabase database) {
        balances = database.getCollection(SystemBalancesProjection.COLLECTION);
        projection = new SystemBalancesProjection(database, CURRENCIES, LedgerSerializer.create());
    }

    /** The balance of a system account in a currency, as its exact plain string; null when there is no document. */
    private String balance(SystemAccount account, String currency) {
        Document document = balances.find(Filters.eq("_id", account.name() + "/" + currency)).first();
        return document == null ? null : decimal(document, "balance");
    }

    /** Every document's balance by id, for before/after comparisons. */
    private Map<String, String> allBalances() {
        Map<String, String> all = new TreeMap<>();
        balances.find().forEach(d -> all.put(d.getString("_id"), decimal(d, "balance")));
        return all;
    }

    private static FundsCredited deposit(AccountId account, String operation, Money amount) {
        return new FundsCredited(account, OperationId.of(operation), amount, SystemAccount.NOWPAYMENTS, "deposit",
                after(amount.toPlainString(), "0", "0"));
    }

    @Nested
    @DisplayName("running sums")
    class Sums {

        @Test
        @DisplayName("postings to one system account are summed exactly, per currency, at the currency's precision")
        void exactPerAccountAndCurrency() {
            projection.on(deposit(ALICE_ETH, "d-1", eth("0.1")), token(1), at(1));
            projection.on(deposit(AccountId.of("bob", "ETH"), "d-2", eth("0.2")), token(2), at(2));
            projection.on(deposit(ALICE_BTC, "d-3", btc("0.3")), token(3), at(3));
            projection.on(deposit(ALICE_ETH, "d-4", eth("0.000000000000000001")), token(4), at(4));

            assertThat(balance(SystemAccount.NOWPAYMENTS, "ETH")).isEqualTo("-0.300000000000000001");
            assertThat(balance(SystemAccount.NOWPAYMENTS, "BTC")).isEqualTo("-0.30000000");
            assertThat(balances.countDocuments()).isEqualTo(2);
        }

        @Test
        @DisplayName("each counter-account has its own document")
        void perAccount() {
            projection.on(deposit(ALICE_BTC, "d-1", btc("2")), token(1), at(1));
            projection.on(new FundsDebited(ALICE_BTC, OperationId.of("w-1"), btc("0.75"), SystemAccount.WITHDRAWALS, "",
                    after("1.25", "0", "0")), token(2), at(2));
            projection.on(new FundsCredited(BOB_BTC, OperationId.of("bonus"), btc("0.01"), SystemAccount.TREASURY, "promo",
                    after("0.01", "0", "0")), token(3), at(3));

            assertThat(allBalances()).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "external:nowpayments/BTC", "-2.00000000",
                    "external:withdrawals/BTC", "0.75000000",
                    "system:treasury/BTC", "-0.01000000"));
        }

        @Test
        @DisplayName("the document names its account and currency, and remembers the event's time and token")
        void documentShape() {
            projection.on(deposit(ALICE_BTC, "d-1", btc("2")), token(9, 7L), at(90));

            Document document = balances.find().first();
            assertThat(document.getString("_id")).isEqualTo("external:nowpayments/BTC");
            assertThat(document.getString("account")).isEqualTo("external:nowpayments");
            assertThat(document.getString("currency")).isEqualTo("BTC");
            assertThat(document.getDate("last_updated")).isEqualTo(date(90));
            assertThat(document.getString("token_type")).isEqualTo(GapAwareTrackingToken.class.getName());
            assertThat(document.getString("token")).contains("\"index\":9").contains("7");
        }

        @Test
        @DisplayName("events that only move money inside a wallet write nothing")
        void walletOnlyEvents() {
            projection.on(new FundsLocked(ALICE_BTC, HoldId.of("h-1"), btc("1"), "", after("1", "1", "0")), token(1), at(1));
            projection.on(new HoldUnlocked(ALICE_BTC, HoldId.of("h-1"), btc("1"), after("2", "0", "0")), token(2), at(2));
            projection.on(new MovedToSavings(ALICE_BTC, OperationId.of("s-1"), btc("1"), after("1", "0", "1")), token(3), at(3));
            projection.on(new MovedFromSavings(ALICE_BTC, OperationId.of("s-2"), btc("1"), after("2", "0", "0")), token(4), at(4));

            assertThat(balances.countDocuments()).isZero();
        }

        @Test
        @DisplayName("reset empties the collection")
        void resetEmpties() {
            projection.on(deposit(ALICE_BTC, "d-1", btc("2")), token(1), at(1));

            projection.reset();

            assertThat(balances.countDocuments()).isZero();
        }
    }

    @Nested
    @DisplayName("fees")
    class Fees {

        @Test
        @DisplayName("a release out of the exchange: amount less fee to the destination, the fee to system:fees")
        void holdReleased() {
            projection.on(new HoldReleased(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), btc("0.0005"), SystemAccount.WITHDRAWALS,
                    after("0", "0", "0")), token(1), at(1));

            assertThat(balance(SystemAccount.WITHDRAWALS, "BTC")).isEqualTo("0.49950000");
            assertThat(balance(SystemAccount.FEES, "BTC")).isEqualTo("0.00050000");
        }

        @Test
        @DisplayName("a transfer: amount less fee in transit, the fee to system:fees; receiving empties the transit")
        void transfer() {
            projection.on(new TransferSent(ALICE_BTC, TransferId.of("t-1"), BOB_BTC, btc("1"), btc("0.01"), after("0", "0", "0")),
                    token(1), at(1));
            assertThat(balance(SystemAccount.TRANSFERS_IN_FLIGHT, "BTC")).isEqualTo("0.99000000");

            projection.on(new TransferReceived(BOB_BTC, TransferOrigin.TRANSFER, TransferId.of("t-1"), ALICE_BTC, btc("0.99"),
                    after("0.99", "0", "0")), token(2), at(2));

            assertThat(balance(SystemAccount.TRANSFERS_IN_FLIGHT, "BTC")).isEqualTo("0.00000000");
            assertThat(balance(SystemAccount.FEES, "BTC")).isEqualTo("0.01000000");
        }

        @Test
        @DisplayName("a release to another account: amount less fee in transit, the fee to system:fees")
        void holdReleasedToAccount() {
            projection.on(new HoldReleasedToAccount(ALICE_BTC, HoldId.of("h-1"), btc("0.3"), btc("0.003"), BOB_BTC,
                    after("0", "0", "0")), token(1), at(1));

            assertThat(balance(SystemAccount.TRANSFERS_IN_FLIGHT, "BTC")).isEqualTo("0.29700000");
            assertThat(balance(SystemAccount.FEES, "BTC")).isEqualTo("0.00300000");
        }

        @Test
        @DisplayName("a returned transfer gives the fee back: system:fees and the transit go down")
        void returned() {
            projection.on(new TransferSent(ALICE_BTC, TransferId.of("t-1"), BOB_BTC, btc("1"), btc("0.01"), after("0", "0", "0")),
                    token(1), at(1));

            projection.on(new TransferReturned(ALICE_BTC, TransferOrigin.TRANSFER, TransferId.of("t-1"), btc("0.99"), btc("0.01"),
                    "BALANCE_LIMIT_EXCEEDED", after("1", "0", "0")), token(2), at(2));

            assertThat(balance(SystemAccount.TRANSFERS_IN_FLIGHT, "BTC")).isEqualTo("0.00000000");
            assertThat(balance(SystemAccount.FEES, "BTC")).isEqualTo("0.00000000");
        }

        @Test
        @DisplayName("no fee, no system:fees document")
        void zeroFee() {
            projection.on(new HoldReleased(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), btc("0"), SystemAccount.WITHDRAWALS,
                    after("0", "0", "0")), token(1), at(1));

            assertThat(balance(SystemAccount.FEES, "BTC")).isNull();
            assertThat(balance(SystemAccount.WITHDRAWALS, "BTC")).isEqualTo("0.50000000");
        }

        @Test
        @DisplayName("a release whose destination is system:fees itself, with a fee: both postings land in system:fees")
        void twoPostingsToOneSystemAccount() {
            // ReleaseHold accepts any non-transit destination, system:fees included
            HoldReleased toFees = new HoldReleased(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), btc("0.1"), SystemAccount.FEES,
                    after("0", "0", "0"));
            projection.on(toFees, token(1), at(1));
            assertThat(balance(SystemAccount.FEES, "BTC")).isEqualTo("0.50000000");

            projection.on(toFees, token(1), at(1));
            assertThat(balance(SystemAccount.FEES, "BTC")).as("re-delivered: skipped as a whole").isEqualTo("0.50000000");
        }
    }

    @Nested
    @DisplayName("re-delivery and late events")
    class Tokens {

        @Test
        @DisplayName("an event re-delivered with the token it had is skipped")
        void sameTokenSkipped() {
            FundsCredited deposit = deposit(ALICE_BTC, "d-1", btc("1"));
            projection.on(deposit, token(1), at(1));

            projection.on(deposit, token(1), at(1));

            assertThat(balance(SystemAccount.NOWPAYMENTS, "BTC")).isEqualTo("-1.00000000");
        }

        @Test
        @DisplayName("an earlier event re-delivered after later ones (a crash before the token was stored) is skipped")
        void earlierTokenSkipped() {
            FundsCredited first = deposit(ALICE_BTC, "d-1", btc("1"));
            projection.on(first, token(1), at(1));
            projection.on(deposit(BOB_BTC, "d-2", btc("2")), token(2), at(2));
            projection.on(deposit(ALICE_BTC, "d-3", btc("4")), token(3), at(3));

            projection.on(first, token(1), at(1));

            assertThat(balance(SystemAccount.NOWPAYMENTS, "BTC")).isEqualTo("-7.00000000");
        }

        @Test
        @DisplayName("a late event (its index a gap of the stored token) is added, once")
        void lateEventAdded() {
            projection.on(deposit(ALICE_BTC, "d-1", btc("1")), token(1), at(1));
            projection.on(deposit(ALICE_BTC, "d-2", btc("2")), token(2), at(2));
            // index 3 was taken but not yet committed when 4 was read: 4 comes with 3 as a gap
            projection.on(deposit(BOB_BTC, "d-4", btc("8")), token(4, 3L), at(4));

            // 3 commits late; the store hands it out with the gap filled and the index unchanged
            TrackingToken late = token(4, 3L).advanceTo(3, 10_000);
            assertThat(late).isEqualTo(token(4));
            FundsCredited lateDeposit = deposit(CAROL_BTC, "d-3", btc("4"));
            projection.on(lateDeposit, late, at(3));
            assertThat(balance(SystemAccount.NOWPAYMENTS, "BTC")).isEqualTo("-15.00000000");

            projection.on(lateDeposit, late, at(3));
            projection.on(deposit(BOB_BTC, "d-4", btc("8")), token(4, 3L), at(4));
            assertThat(balance(SystemAccount.NOWPAYMENTS, "BTC")).isEqualTo("-15.00000000");
        }

        @Test
        @DisplayName("two late events filling two gaps are both added, each once")
        void twoLateEvents() {
            projection.on(deposit(ALICE_BTC, "d-10", btc("10")), token(10, 5L, 7L), at(10));

            GapAwareTrackingToken seven = token(10, 5L, 7L).advanceTo(7, 10_000);
            projection.on(deposit(BOB_BTC, "d-7", btc("0.7")), seven, at(7));
            GapAwareTrackingToken five = seven.advanceTo(5, 10_000);
            projection.on(deposit(CAROL_BTC, "d-5", btc("0.05")), five, at(5));
            projection.on(deposit(BOB_BTC, "d-7", btc("0.7")), seven, at(7));

            assertThat(balance(SystemAccount.NOWPAYMENTS, "BTC")).isEqualTo("-10.75000000");
        }

        @Test
        @DisplayName("an event of one system account is judged by that account's token only")
        void perDocumentTokens() {
            projection.on(deposit(ALICE_BTC, "d-1", btc("1")), token(1), at(1));
            projection.on(new FundsDebited(ALICE_BTC, OperationId.of("w-1"), btc("0.5"), SystemAccount.WITHDRAWALS, "",
                    after("0.5", "0", "0")), token(5, 3L), at(5));

            // index 3, late, touches only nowpayments, whose token (1) does not cover it
            projection.on(deposit(BOB_BTC, "d-3", btc("3")), token(5, 3L).advanceTo(3, 10_000), at(3));

            assertThat(balance(SystemAccount.NOWPAYMENTS, "BTC")).isEqualTo("-4.00000000");
            assertThat(balance(SystemAccount.WITHDRAWALS, "BTC")).isEqualTo("0.50000000");
        }
    }

    @Nested
    @DisplayName("rebuild with replay tokens")
    class Replay {

        private final List<WalletEvent> events = List.of(
                deposit(ALICE_BTC, "d-1", btc("1")),
                new TransferSent(ALICE_BTC, TransferId.of("t-1"), BOB_BTC, btc("0.4"), btc("0.004"), after("0.6", "0", "0")),
                new HoldReleased(ALICE_BTC, HoldId.of("h-1"), btc("0.1"), btc("0.001"), SystemAccount.WITHDRAWALS, after("0.5", "0", "0")));
        private final GapAwareTrackingToken tokenAtReset = token(3);

        private void live() {
            for (int i = 0; i < events.size(); i++) {
                projection.on(events.get(i), token(i + 1), at(i));
            }
        }

        private void replay() {
            for (int i = 0; i < events.size(); i++) {
                TrackingToken replayToken = ReplayToken.createReplayToken(tokenAtReset, token(i + 1));
                assertThat(replayToken).isInstanceOf(ReplayToken.class);
                projection.on(events.get(i), replayToken, at(i));
            }
        }

        @Test
        @DisplayName("after a reset, replayed events are applied per their lower bound: the same balances as live")
        void rebuildAfterReset() {
            live();
            Map<String, String> live = allBalances();

            projection.reset();
            replay();

            assertThat(allBalances()).isEqualTo(live).containsEntry("system:fees/BTC", "0.00500000");
        }

        @Test
        @DisplayName("the token stored during a replay is the lower bound, a gap-aware token, never the replay wrapper")
        void storesLowerBound() {
            projection.reset();
            replay();

            balances.find().forEach(d -> assertThat(d.getString("token_type")).isEqualTo(GapAwareTrackingToken.class.getName()));
            assertThat(balances.find(Filters.eq("_id", "external:nowpayments/BTC")).first().getString("token"))
                    .contains("\"index\":1");
        }

        @Test
        @DisplayName("the first live event after the replay is added on top")
        void liveAfterReplay() {
            projection.reset();
            replay();

            projection.on(deposit(BOB_BTC, "d-4", btc("2")), token(4), at(4));

            assertThat(balance(SystemAccount.NOWPAYMENTS, "BTC")).isEqualTo("-3.00000000");
        }

        @Test
        @DisplayName("replay tokens over a view that was not reset count nothing twice")
        void replayWithoutReset() {
            live();
            Map<String, String> live = allBalances();

            replay();

            assertThat(allBalances()).isEqualTo(live);
        }
    }
}
