package com.exchange.ledger.projections.holds;

import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.FundsLocked;
import com.exchange.ledger.core.wallet.HoldReleased;
import com.exchange.ledger.core.wallet.HoldReleasedToAccount;
import com.exchange.ledger.core.wallet.HoldUnlocked;
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

import java.util.ArrayList;
import java.util.List;

import static com.exchange.ledger.core.testing.LedgerFixtures.*;
import static com.exchange.ledger.projections.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(WireMongoExtension.class)
@DisplayName("OpenHoldsProjection: open_holds, every hold not yet settled")
class OpenHoldsProjectionTest {


    private MongoCollection<Document> holds;
    private OpenHoldsProjection projection;

    private final FundsLocked lock1 = new FundsLocked(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), "withdrawal", after("1.5", "0.5", "0"));
    private final FundsLocked lock2 = new FundsLocked(ALICE_BTC, HoldId.of("h-2"), btc("0.25"), "p2p escrow", after("1.25", "0.75", "0"));

    @BeforeEach
    void freshView(MongoDatabase database) {
        holds = database.getCollection(OpenHoldsProjection.COLLECTION);
        projection = new OpenHoldsProjection(database, CURRENCIES);
    }

    private List<String> openHoldIds() {
        return holds.find(new Document("state", "open")).sort(new Document("_id", 1)).map(d -> d.getString("_id")).into(new ArrayList<>());
    }

    @Nested
    @DisplayName("lock and settlement")
    class LockAndSettle {

        @Test
        @DisplayName("a lock creates the hold with its account, amount at the currency's precision, reason and lock time")
        void lockCreates() {
            projection.on(lock1, at(30));

            Document hold = holds.find(Filters.eq("_id", "alice/BTC|h-1")).first();
            assertThat(hold).isNotNull();
            assertThat(hold.getString("user_id")).isEqualTo("alice");
            assertThat(hold.getString("currency")).isEqualTo("BTC");
            assertThat(hold.getString("hold_id")).isEqualTo("h-1");
            assertThat(decimal(hold, "amount")).isEqualTo("0.50000000");
            assertThat(hold.getString("reason")).isEqualTo("withdrawal");
            assertThat(hold.getDate("locked_at")).isEqualTo(date(30));
        }

        @Test
        @DisplayName("an unlock deletes that hold only")
        void unlockDeletes() {
            projection.on(lock1, at(0));
            projection.on(lock2, at(1));

            projection.on(new HoldUnlocked(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), after("1.75", "0.25", "0")), at(1));

            assertThat(openHoldIds()).containsExactly("alice/BTC|h-2");
        }

        @Test
        @DisplayName("a release out of the exchange deletes that hold only")
        void releaseDeletes() {
            projection.on(lock1, at(0));
            projection.on(lock2, at(1));

            projection.on(new HoldReleased(ALICE_BTC, HoldId.of("h-2"), btc("0.25"), btc("0.001"), SystemAccount.WITHDRAWALS,
                    after("1.25", "0.5", "0")), at(1));

            assertThat(openHoldIds()).containsExactly("alice/BTC|h-1");
        }

        @Test
        @DisplayName("a release to another account deletes that hold only")
        void releaseToAccountDeletes() {
            projection.on(lock1, at(0));
            projection.on(lock2, at(1));

            projection.on(new HoldReleasedToAccount(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), btc("0"), BOB_BTC,
                    after("1.25", "0.25", "0")), at(1));

            assertThat(openHoldIds()).containsExactly("alice/BTC|h-2");
        }

        @Test
        @DisplayName("the same hold id on two accounts is two holds; settling one leaves the other")
        void holdIdsArePerAccount() {
            projection.on(lock1, at(0));
            projection.on(new FundsLocked(ALICE_ETH, HoldId.of("h-1"), eth("1"), "withdrawal", after("0", "1", "0")), at(0));

            projection.on(new HoldUnlocked(ALICE_ETH, HoldId.of("h-1"), eth("1"), after("1", "0", "0")), at(1));

            assertThat(openHoldIds()).containsExactly("alice/BTC|h-1");
        }

        @Test
        @DisplayName("reset empties the collection")
        void resetEmpties() {
            projection.on(lock1, at(0));
            projection.on(lock2, at(0));

            projection.reset();

            assertThat(holds.countDocuments(new Document("state", "open"))).isZero();
        }
    }

    @Nested
    @DisplayName("re-delivery")
    class Redelivery {

        @Test
        @DisplayName("a lock re-delivered while open leaves one hold with its lock time")
        void lockAgainWhileOpen() {
            projection.on(lock1, at(0));

            projection.on(lock1, at(0));

            assertThat(holds.countDocuments(new Document("state", "open"))).isEqualTo(1);
            assertThat(holds.find().first().getDate("locked_at")).isEqualTo(date(0));
        }

        @Test
        @DisplayName("a settlement re-delivered after the hold is gone is harmless")
        void settlementAgain() {
            projection.on(lock1, at(0));
            projection.on(lock2, at(1));
            HoldUnlocked unlock = new HoldUnlocked(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), after("1.75", "0.25", "0"));
            projection.on(unlock, at(2));

            projection.on(unlock, at(2));

            assertThat(openHoldIds()).containsExactly("alice/BTC|h-2");
        }

        @Test
        @DisplayName("a batch re-delivered in stream order (lock, then its release) ends with no hold")
        void inOrderRedelivery() {
            HoldReleased release = new HoldReleased(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), btc("0"), SystemAccount.WITHDRAWALS,
                    after("1.5", "0", "0"));
            projection.on(lock1, at(0));
            projection.on(release, at(2));

            projection.on(lock1, at(0));
            projection.on(release, at(2));

            assertThat(holds.countDocuments(new Document("state", "open"))).isZero();
        }

        /*
         * BUG (reported, not fixed): the projection keeps no trace of a settled hold, so a FundsLocked handled again
         * after its settlement, without the settlement following it, brings the hold back as open, for good. The
         * tracking processor re-delivers from its stored token in stream order and both events are of one aggregate
         * (one segment), so today the settlement always follows the lock again; the view goes wrong as soon as they
         * can arrive apart (a sequencing policy other than per aggregate, a dead-letter queue retrying the lock
         * alone, a hand-run of one event). This test pins the current behaviour.
         */
        @Test
        @DisplayName("a lock handled again alone after its settlement does not reopen the hold")
        void lockAfterSettlementStaysSettled() {
            projection.on(lock1, at(0));
            projection.on(new HoldUnlocked(ALICE_BTC, HoldId.of("h-1"), btc("0.5"), after("2", "0", "0")), at(1));
            assertThat(holds.countDocuments(new Document("state", "open"))).isZero();

            projection.on(lock1, at(0));

            assertThat(openHoldIds()).as("the settled hold h-1 stays settled").isEmpty();
            assertThat(holds.find(new Document("_id", "alice/BTC|h-1")).first().getString("state")).isEqualTo("settled");
        }
    }
}
