package com.exchange.ledger.projections.transfers;

import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.wallet.HoldReleasedToAccount;
import com.exchange.ledger.core.wallet.TransferOrigin;
import com.exchange.ledger.core.wallet.TransferReceived;
import com.exchange.ledger.core.wallet.TransferReturned;
import com.exchange.ledger.core.wallet.TransferSent;
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

import static com.exchange.ledger.core.testing.LedgerFixtures.*;
import static com.exchange.ledger.projections.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(WireMongoExtension.class)
@DisplayName("TransfersInFlightProjection: transfers, each movement between two wallets with its state")
class TransfersInFlightProjectionTest {

    private static final String T1 = "TRANSFER:alice/BTC:t-1";


    private MongoCollection<Document> transfers;
    private TransfersInFlightProjection projection;

    private final TransferSent sent = new TransferSent(ALICE_BTC, TransferId.of("t-1"), BOB_BTC, btc("1"), btc("0.01"),
            after("0", "0", "0"));
    private final TransferReceived received = new TransferReceived(BOB_BTC, TransferOrigin.TRANSFER, TransferId.of("t-1"),
            ALICE_BTC, btc("0.99"), after("0.99", "0", "0"));
    private final TransferReturned returned = new TransferReturned(ALICE_BTC, TransferOrigin.TRANSFER, TransferId.of("t-1"),
            btc("0.99"), btc("0.01"), "BALANCE_LIMIT_EXCEEDED", after("1", "0", "0"));

    @BeforeEach
    void freshView(MongoDatabase database) {
        transfers = database.getCollection(TransfersInFlightProjection.COLLECTION);
        projection = new TransfersInFlightProjection(database, CURRENCIES);
    }

    private Document transfer(String id) {
        return transfers.find(Filters.eq("_id", id)).first();
    }

    @Nested
    @DisplayName("states")
    class States {

        @Test
        @DisplayName("sent only: in_flight, with what is delivered, the fee, the recipient and when")
        void sentOnly() {
            projection.on(sent, at(10));

            Document transfer = transfer(T1);
            assertThat(transfer.getString("state")).isEqualTo("in_flight");
            assertThat(transfer.getString("origin")).isEqualTo("TRANSFER");
            assertThat(transfer.getString("sender")).isEqualTo("alice/BTC");
            assertThat(transfer.getString("transfer_id")).isEqualTo("t-1");
            assertThat(transfer.getString("currency")).isEqualTo("BTC");
            Document leg = transfer.get("sent", Document.class);
            assertThat(decimal(leg, "amount")).isEqualTo("0.99000000");
            assertThat(decimal(leg, "fee")).isEqualTo("0.01000000");
            assertThat(leg.getString("recipient")).isEqualTo("bob/BTC");
            assertThat(leg.getDate("at")).isEqualTo(date(10));
        }

        @Test
        @DisplayName("sent then received: received, both legs kept")
        void sentThenReceived() {
            projection.on(sent, at(10));
            projection.on(received, at(11));

            Document transfer = transfer(T1);
            assertThat(transfer.getString("state")).isEqualTo("received");
            assertThat(decimal(transfer.get("received", Document.class), "amount")).isEqualTo("0.99000000");
            assertThat(transfer.get("received", Document.class).getDate("at")).isEqualTo(date(11));
            assertThat(transfer.get("sent", Document.class)).isNotNull();
        }

        @Test
        @DisplayName("received before sent (two accounts, any order): not in flight meanwhile, received at the end")
        void receivedBeforeSent() {
            projection.on(received, at(11));
            assertThat(transfer(T1).getString("state")).isEqualTo("settled_before_sent_seen");

            projection.on(sent, at(10));

            assertThat(transfer(T1).getString("state")).isEqualTo("received");
            assertThat(transfers.countDocuments()).isEqualTo(1);
        }

        @Test
        @DisplayName("both orders give the same document")
        void orderIndependent() {
            projection.on(sent, at(10));
            projection.on(received, at(11));
            Document forward = transfer(T1);
            projection.reset();

            projection.on(received, at(11));
            projection.on(sent, at(10));

            assertThat(transfer(T1)).isEqualTo(forward);
        }

        @Test
        @DisplayName("sent then returned: returned, with the reason")
        void returned() {
            projection.on(sent, at(10));
            projection.on(returned, at(12));

            Document transfer = transfer(T1);
            assertThat(transfer.getString("state")).isEqualTo("returned");
            assertThat(transfer.get("returned", Document.class).getString("reason")).isEqualTo("BALANCE_LIMIT_EXCEEDED");
            assertThat(decimal(transfer.get("returned", Document.class), "amount")).isEqualTo("0.99000000");
        }

        @Test
        @DisplayName("returned before sent: returned at the end")
        void returnedBeforeSent() {
            projection.on(returned, at(12));
            projection.on(sent, at(10));

            assertThat(transfer(T1).getString("state")).isEqualTo("returned");
        }

        @Test
        @DisplayName("a hold released to another account is a transfer keyed by the hold id, received by the recipient")
        void holdRelease() {
            projection.on(new HoldReleasedToAccount(ALICE_BTC, HoldId.of("h-7"), btc("0.5"), btc("0.005"), BOB_BTC,
                    after("0", "0", "0")), at(1));
            assertThat(transfer("HOLD_RELEASE:alice/BTC:h-7").getString("state")).isEqualTo("in_flight");
            assertThat(decimal(transfer("HOLD_RELEASE:alice/BTC:h-7").get("sent", Document.class), "amount")).isEqualTo("0.49500000");

            projection.on(new TransferReceived(BOB_BTC, TransferOrigin.HOLD_RELEASE, TransferId.of("h-7"), ALICE_BTC,
                    btc("0.495"), after("0.495", "0", "0")), at(2));

            assertThat(transfer("HOLD_RELEASE:alice/BTC:h-7").getString("state")).isEqualTo("received");
            assertThat(transfers.countDocuments()).isEqualTo(1);
        }

        @Test
        @DisplayName("the same id from two senders, or from the two origins, is separate transfers")
        void identity() {
            projection.on(sent, at(1));
            projection.on(new TransferSent(CAROL_BTC, TransferId.of("t-1"), BOB_BTC, btc("2"), btc("0"), after("0", "0", "0")), at(2));
            projection.on(new HoldReleasedToAccount(ALICE_BTC, HoldId.of("t-1"), btc("3"), btc("0"), BOB_BTC, after("0", "0", "0")), at(3));

            projection.on(received, at(4));

            assertThat(transfers.countDocuments()).isEqualTo(3);
            assertThat(transfer(T1).getString("state")).isEqualTo("received");
            assertThat(transfer("TRANSFER:carol/BTC:t-1").getString("state")).isEqualTo("in_flight");
            assertThat(transfer("HOLD_RELEASE:alice/BTC:t-1").getString("state")).isEqualTo("in_flight");
        }
    }

    @Nested
    @DisplayName("re-delivery and reset")
    class Redelivery {

        @Test
        @DisplayName("re-delivered legs change nothing")
        void redeliveryChangesNothing() {
            projection.on(sent, at(10));
            projection.on(received, at(11));
            Document before = transfer(T1);

            projection.on(sent, at(10));
            projection.on(received, at(11));
            projection.on(sent, at(10));

            assertThat(transfer(T1)).isEqualTo(before);
            assertThat(transfers.countDocuments()).isEqualTo(1);
        }

        @Test
        @DisplayName("a re-delivered sending leg does not put a returned transfer back in flight")
        void returnedStaysReturned() {
            projection.on(sent, at(10));
            projection.on(returned, at(12));

            projection.on(sent, at(10));

            assertThat(transfer(T1).getString("state")).isEqualTo("returned");
        }

        @Test
        @DisplayName("reset empties the collection")
        void resetEmpties() {
            projection.on(sent, at(10));

            projection.reset();

            assertThat(transfers.countDocuments()).isZero();
        }
    }
}
