package com.exchange.ledger.projections.transactions;

import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.wallet.BalanceMigrated;
import com.exchange.ledger.core.wallet.*;
import com.exchange.ledger.projections.eventstore.WireMongoExtension;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.exchange.ledger.core.testing.LedgerFixtures.*;
import static com.exchange.ledger.projections.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(WireMongoExtension.class)
@DisplayName("TransactionsProjection: wallet_transactions, one document per movement")
class TransactionsProjectionTest {


    private MongoCollection<Document> transactions;
    private TransactionsProjection projection;

    @BeforeEach
    void freshView(MongoDatabase database) {
        transactions = database.getCollection(TransactionsProjection.COLLECTION);
        projection = new TransactionsProjection(database, CURRENCIES);
    }

    private Document transaction(String id) {
        return transactions.find(Filters.eq("_id", id)).first();
    }

    /** How each event type must read in a user's history. {@code counterparty} and {@code reason} may be null. */
    record Expected(WalletEvent event, String type, String direction, String amount, String operationId,
                    String counterparty, String reason) {
        @Override
        public String toString() {
            return event.getClass().getSimpleName() + " -> " + type + "/" + direction;
        }
    }

    /** One of each event type (as LedgerSerializerTest.oneOfEach), with distinct amounts so a mix-up shows. */
    static List<Expected> oneOfEach() {
        return List.of(
                new Expected(new FundsCredited(ALICE_BTC, OperationId.of("pay-1"), btc("1.1"), SystemAccount.NOWPAYMENTS,
                        "deposit", after("1.1", "0", "0")), "credit", "in", "1.10000000", "pay-1", "external:nowpayments", "deposit"),
                new Expected(new FundsDebited(ALICE_BTC, OperationId.of("fee-1"), btc("0.02"), SystemAccount.FEES,
                        "monthly fee", after("1.08", "0", "0")), "debit", "out", "0.02000000", "fee-1", "system:fees", "monthly fee"),
                new Expected(new FundsLocked(ALICE_BTC, HoldId.of("h-1"), btc("0.3"), "p2p escrow", after("0.78", "0.3", "0")),
                        "lock", "internal", "0.30000000", "h-1", null, "p2p escrow"),
                new Expected(new HoldUnlocked(ALICE_BTC, HoldId.of("h-1"), btc("0.3"), after("1.08", "0", "0")),
                        "unlock", "internal", "0.30000000", "h-1", null, null),
                new Expected(new HoldReleased(ALICE_BTC, HoldId.of("h-2"), btc("0.4"), btc("0.001"), SystemAccount.WITHDRAWALS,
                        after("0.68", "0", "0")), "release", "out", "0.40000000", "h-2", "external:withdrawals", null),
                new Expected(new HoldReleasedToAccount(ALICE_BTC, HoldId.of("h-3"), btc("0.05"), btc("0.005"), BOB_BTC,
                        after("0.63", "0", "0")), "release", "out", "0.05000000", "h-3", "bob", null),
                new Expected(new MovedToSavings(ALICE_BTC, OperationId.of("sav-1"), btc("0.06"), after("0.57", "0", "0.06")),
                        "to_savings", "internal", "0.06000000", "sav-1", null, null),
                new Expected(new MovedFromSavings(ALICE_BTC, OperationId.of("sav-2"), btc("0.01"), after("0.58", "0", "0.05")),
                        "from_savings", "internal", "0.01000000", "sav-2", null, null),
                new Expected(new TransferSent(ALICE_BTC, TransferId.of("t-1"), BOB_BTC, btc("0.07"), btc("0.0007"),
                        after("0.51", "0", "0.05")), "transfer_out", "out", "0.07000000", "t-1", "bob", null),
                new Expected(new TransferReceived(BOB_BTC, TransferOrigin.TRANSFER, TransferId.of("t-1"), ALICE_BTC, btc("0.0693"),
                        after("0.0693", "0", "0")), "transfer_in", "in", "0.06930000", "t-1", "alice", null),
                new Expected(new TransferReturned(ALICE_BTC, TransferOrigin.HOLD_RELEASE, TransferId.of("h-3"), btc("0.045"),
                        btc("0.005"), "BALANCE_LIMIT_EXCEEDED", after("0.56", "0", "0.05")),
                        "transfer_returned", "in", "0.05000000", "h-3", "transit:transfers", "BALANCE_LIMIT_EXCEEDED"),
                new Expected(BalanceMigrated.onto(after("0", "0", "0"), ALICE_BTC, OperationId.of("migration:internal_balances:r1"),
                        new BalanceMigrated.LegacySource("internal_balances", "r1", "{}"), btc("0.1"), btc("0.02"), btc("0")),
                        "migration", "in", "0.12000000", "migration:internal_balances:r1", "external:migration",
                        "migrated from internal_balances"));
    }

    @Nested
    @DisplayName("each event type")
    class EachType {

        @Test
        @DisplayName("the table covers every wallet event type")
        void coversEveryType() {
            assertThat(oneOfEach().stream().<Class<?>>map(e -> e.event().getClass()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrderElementsOf(Arrays.asList(WalletEvent.class.getPermittedSubclasses()));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("com.exchange.ledger.projections.transactions.TransactionsProjectionTest#oneOfEach")
        @DisplayName("type, direction, amount, operation id, counterparty and reason")
        void reads(Expected expected) {
            projection.on(expected.event(), 4, at(0), 100L);

            Document document = transaction(expected.event().account().key() + "#4");
            assertThat(document.getString("type")).isEqualTo(expected.type());
            assertThat(document.getString("direction")).isEqualTo(expected.direction());
            assertThat(decimal(document, "amount")).isEqualTo(expected.amount());
            assertThat(document.getString("operation_id")).isEqualTo(expected.operationId());
            assertThat(document.getString("counterparty")).isEqualTo(expected.counterparty());
            assertThat(document.getString("reason")).isEqualTo(expected.reason());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("com.exchange.ledger.projections.transactions.TransactionsProjectionTest#oneOfEach")
        @DisplayName("balances after, exactly the event's, at the currency's precision")
        void balancesAfter(Expected expected) {
            projection.on(expected.event(), 4, at(0), 100L);

            Document document = transaction(expected.event().account().key() + "#4");
            assertThat(new BigDecimal(decimal(document, "available_after")))
                    .isEqualByComparingTo(expected.event().after().available());
            assertThat(decimal(document, "available_after")).matches("\\d+\\.\\d{8}");
            assertThat(decimal(document, "locked_after")).matches("\\d+\\.\\d{8}");
            assertThat(new BigDecimal(decimal(document, "savings_after")))
                    .isEqualByComparingTo(expected.event().after().savings());
        }

        @Test
        @DisplayName("all eleven applied in turn give eleven documents, in sequence order by global index")
        void allInTurn() {
            List<Expected> all = oneOfEach();
            for (int i = 0; i < all.size(); i++) {
                projection.on(all.get(i).event(), i, at(i), 1000L + i);
            }

            assertThat(transactions.countDocuments()).isEqualTo(all.size());
            List<String> types = transactions.find(Filters.eq("user_id", "alice")).sort(new Document("global_index", 1))
                    .map(d -> d.getString("type")).into(new ArrayList<>());
            assertThat(types).containsExactly("credit", "debit", "lock", "unlock", "release", "release", "to_savings",
                    "from_savings", "transfer_out", "transfer_returned", "migration");
        }
    }

    @Nested
    @DisplayName("identity and position")
    class Identity {

        private final FundsCredited deposit = new FundsCredited(ALICE_ETH, OperationId.of("pay-9"), eth("0.000000000000000001"),
                SystemAccount.NOWPAYMENTS, "", after("5.000000000000000001", "0", "0"));

        @Test
        @DisplayName("the id is account#sequence; user, currency, account and sequence are stored")
        void idIsAccountAndSequence() {
            projection.on(deposit, 17, at(3), 42L);

            Document document = transaction("alice/ETH#17");
            assertThat(document).isNotNull();
            assertThat(document.getString("user_id")).isEqualTo("alice");
            assertThat(document.getString("currency")).isEqualTo("ETH");
            assertThat(document.getString("account")).isEqualTo("alice/ETH");
            assertThat(document.getLong("sequence")).isEqualTo(17L);
            assertThat(document.getDate("created_at")).isEqualTo(date(3));
            assertThat(decimal(document, "amount")).isEqualTo("0.000000000000000001");
            assertThat(decimal(document, "available_after")).isEqualTo("5.000000000000000001");
            assertThat(decimal(document, "locked_after")).isEqualTo("0.000000000000000000");
        }

        @Test
        @DisplayName("global_index is the meta-data value, stored as a 64-bit integer whatever Number it came as")
        void globalIndexFromMetaData() {
            projection.on(deposit, 0, at(0), 7_000_000_000L);
            projection.on(new FundsCredited(ALICE_BTC, OperationId.of("pay-10"), btc("1"), SystemAccount.NOWPAYMENTS, "",
                    after("1", "0", "0")), 0, at(0), Integer.valueOf(12));

            assertThat(transaction("alice/ETH#0").get("global_index")).isEqualTo(7_000_000_000L);
            assertThat(transaction("alice/BTC#0").get("global_index")).isEqualTo(12L);
        }

        @Test
        @DisplayName("the same sequence on two accounts is two documents")
        void sequencesArePerAccount() {
            projection.on(deposit, 0, at(0), 1L);
            projection.on(new FundsCredited(BOB_BTC, OperationId.of("pay-9"), btc("1"), SystemAccount.NOWPAYMENTS, "",
                    after("1", "0", "0")), 0, at(0), 2L);

            assertThat(transactions.countDocuments()).isEqualTo(2);
        }

        @Test
        @DisplayName("a re-delivered event rewrites the same document: count and content unchanged")
        void redeliveryRewrites() {
            projection.on(deposit, 3, at(0), 11L);
            projection.on(new FundsDebited(ALICE_ETH, OperationId.of("wd-1"), eth("1"), SystemAccount.WITHDRAWALS, "",
                    after("4.000000000000000001", "0", "0")), 4, at(1), 12L);
            Document before = transaction("alice/ETH#3");

            projection.on(deposit, 3, at(0), 11L);

            assertThat(transactions.countDocuments()).isEqualTo(2);
            assertThat(transaction("alice/ETH#3")).isEqualTo(before);
        }

        @Test
        @DisplayName("reset empties the collection; ensureIndexes creates the history and operation indexes")
        void resetAndIndexes() {
            projection.on(deposit, 0, at(0), 1L);
            projection.reset();
            assertThat(transactions.countDocuments()).isZero();

            projection.ensureIndexes();
            Map<String, Document> indexes = new HashMap<>();
            transactions.listIndexes().forEach(index -> indexes.put(index.getString("name"), index));
            assertThat(indexes).containsOnlyKeys("_id_", "user_id_1_global_index_-1", "operation_id_1");
            assertThat(indexes.get("user_id_1_global_index_-1").get("key", Document.class))
                    .isEqualTo(new Document("user_id", 1).append("global_index", -1));
        }
    }
}
