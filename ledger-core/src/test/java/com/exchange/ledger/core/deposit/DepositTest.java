package com.exchange.ledger.core.deposit;

import com.exchange.ledger.core.deposit.DepositCommands.FlagDepositForReview;
import com.exchange.ledger.core.deposit.DepositCommands.RecordPaymentNotification;
import com.exchange.ledger.core.deposit.DepositEvents.DepositCreditDue;
import com.exchange.ledger.core.deposit.DepositEvents.DepositReviewRequired;
import com.exchange.ledger.core.deposit.DepositEvents.PaymentNotificationRecorded;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static com.exchange.ledger.core.testing.LedgerFixtures.account;
import static com.exchange.ledger.core.testing.LedgerFixtures.btc;
import static com.exchange.ledger.core.testing.Rejections.assertRejected;
import static com.exchange.ledger.core.testing.Rejections.expectNotFound;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Deposit: the credited total is the most a crediting callback said arrived; less goes to review; the rest is recorded")
class DepositTest {

    private static final PaymentId P1 = PaymentId.of("p-1");
    private static final AccountId ALICE = account("alice", "BTC");
    private static final Money NOTHING = new Money("BTC", BigDecimal.ZERO);
    private static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T1.plusSeconds(120);

    private FixtureConfiguration<Deposit> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Deposit.class);
    }

    private static RecordPaymentNotification callback(AccountId account, String status, String received, Instant at) {
        return new RecordPaymentNotification(P1, account, status, received == null ? null : btc(received), received, at);
    }

    private static RecordPaymentNotification callback(String status, String received, Instant at) {
        return callback(ALICE, status, received, at);
    }

    private static PaymentNotificationRecorded recorded(String status, String received, Instant at) {
        return PaymentNotificationRecorded.only(P1, ALICE, status, received == null ? null : btc(received), received, at);
    }

    /** The callback recorded with the credit it made due, in one event (stores since 2026-12). */
    private static PaymentNotificationRecorded recordedCrediting(String status, String received, Instant at, DepositCreditDue due) {
        return new PaymentNotificationRecorded(P1, ALICE, status, btc(received), received, at, due, null);
    }

    /** The callback recorded with the review it asked for, in one event (stores since 2026-12). */
    private static PaymentNotificationRecorded recordedForReview(String status, String received, Instant at, String reason) {
        return new PaymentNotificationRecorded(P1, ALICE, status, btc(received), received, at, null, reason);
    }

    private static DepositCreditDue due(int number, String amount, String total) {
        return new DepositCreditDue(P1, ALICE, number, btc(amount), btc(total));
    }

    private static DepositState state(String status, Money creditedTotal, int credits, String reviewReason, DepositCreditDue dueNow) {
        return new DepositState(P1, ALICE, status, creditedTotal, credits, reviewReason != null, reviewReason, dueNow);
    }

    @Nested
    @DisplayName("RecordPaymentNotification")
    class Record {

        @Test
        @DisplayName("a first finished callback is recorded and makes credit 1 of what arrived due")
        void firstFinished() {
            DepositCreditDue due = due(1, "0.5", "0.5");
            fixture.givenNoPriorActivity()
                    .when(callback("finished", "0.5", T1))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(recordedCrediting("finished", "0.5", T1, due))
                    .expectResultMessagePayload(state("finished", btc("0.5"), 1, null, due));
            assertThat(P1.creditId(1).value()).isEqualTo("nowpayments:p-1:1");
        }

        @Test
        @DisplayName("a partial payment credits what arrived; its completion credits only the rest, as credit 2")
        void partialThenFinished() {
            DepositCreditDue rest = due(2, "0.7", "1");
            fixture.given(recorded("partially_paid", "0.3", T1), due(1, "0.3", "0.3"))
                    .when(callback("finished", "1", T2))
                    .expectEvents(recordedCrediting("finished", "1", T2, rest))
                    .expectResultMessagePayload(state("finished", btc("1"), 2, null, rest));
        }

        @Test
        @DisplayName("a growing partial payment credits each increase")
        void growingPartial() {
            DepositCreditDue more = due(2, "0.2", "0.5");
            fixture.given(recorded("partially_paid", "0.3", T1), due(1, "0.3", "0.3"))
                    .when(callback("partially_paid", "0.5", T2))
                    .expectEvents(recordedCrediting("partially_paid", "0.5", T2, more))
                    .expectResultMessagePayload(state("partially_paid", btc("0.5"), 2, null, more));
        }

        @Test
        @DisplayName("the same callback again (status, amount and account; later) records nothing and credits nothing")
        void exactRepeat() {
            fixture.given(recorded("finished", "0.5", T1), due(1, "0.5", "0.5"))
                    .when(callback("finished", "0.5", T2))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(state("finished", btc("0.5"), 1, null, null));
        }

        @Test
        @DisplayName("a finished callback for what a partial callback already credited is recorded, credits nothing")
        void sameAmountOtherStatus() {
            fixture.given(recorded("partially_paid", "1", T1), due(1, "1", "1"))
                    .when(callback("finished", "1", T2))
                    .expectEvents(recorded("finished", "1", T2))
                    .expectResultMessagePayload(state("finished", btc("1"), 1, null, null));
        }

        @Test
        @DisplayName("a late partial callback saying less than was credited is recorded and sent to review, never debited")
        void lowerLaterPartialGoesToReview() {
            String reason = "a partially_paid callback reports 0.40000000 BTC arrived, 1.00000000 BTC was already credited";
            fixture.given(recorded("finished", "1", T1), due(1, "1", "1"))
                    .when(callback("partially_paid", "0.4", T2))
                    .expectEvents(recordedForReview("partially_paid", "0.4", T2, reason))
                    .expectResultMessagePayload(state("partially_paid", btc("1"), 1, reason, null));
        }

        @Test
        @DisplayName("a repeated earlier callback arriving after a larger one is sent to review, not credited twice")
        void reorderedRepeat() {
            String reason = "a partially_paid callback reports 0.30000000 BTC arrived, 1.00000000 BTC was already credited";
            fixture.given(recorded("partially_paid", "0.3", T1), due(1, "0.3", "0.3"), recorded("finished", "1", T2), due(2, "0.7", "1"))
                    .when(callback("partially_paid", "0.3", T3))
                    .expectEvents(recordedForReview("partially_paid", "0.3", T3, reason))
                    .expectResultMessagePayload(state("partially_paid", btc("1"), 2, reason, null));
        }

        @Test
        @DisplayName("a finished callback saying less than was credited is sent to review")
        void lowerFinishedGoesToReview() {
            String reason = "a finished callback reports 0.90000000 BTC arrived, 1.00000000 BTC was already credited";
            fixture.given(recorded("finished", "1", T1), due(1, "1", "1"))
                    .when(callback("finished", "0.9", T2))
                    .expectEvents(recordedForReview("finished", "0.9", T2, reason))
                    .expectResultMessagePayload(state("finished", btc("1"), 1, reason, null));
        }

        @Test
        @DisplayName("after a review, a larger crediting callback still credits the difference")
        void creditsAfterReview() {
            String reason = "earlier review";
            DepositCreditDue more = due(2, "0.2", "1.2");
            fixture.given(recorded("finished", "1", T1), due(1, "1", "1"), recorded("partially_paid", "0.4", T2),
                            new DepositReviewRequired(P1, reason))
                    .when(callback("finished", "1.2", T3))
                    .expectEvents(recordedCrediting("finished", "1.2", T3, more))
                    .expectResultMessagePayload(state("finished", btc("1.2"), 2, reason, more));
        }

        @Test
        @DisplayName("history in the one-event form (credit and review inside the notification) gives the same state")
        void oneEventHistory() {
            String reason = "a partially_paid callback reports 0.40000000 BTC arrived, 1.00000000 BTC was already credited";
            DepositCreditDue more = due(2, "0.2", "1.2");
            fixture.given(recordedCrediting("finished", "1", T1, due(1, "1", "1")), recordedForReview("partially_paid", "0.4", T2, reason))
                    .when(callback("finished", "1.2", T3))
                    .expectEvents(recordedCrediting("finished", "1.2", T3, more))
                    .expectResultMessagePayload(state("finished", btc("1.2"), 2, reason, more));
        }

        @Test
        @DisplayName("a status without an amount (waiting) is recorded and credits nothing")
        void waitingRecorded() {
            fixture.givenNoPriorActivity()
                    .when(callback("waiting", null, T1))
                    .expectEvents(recorded("waiting", null, T1))
                    .expectResultMessagePayload(state("waiting", NOTHING, 0, null, null));
        }

        @Test
        @DisplayName("a non-crediting status with an amount (confirming) is recorded and credits nothing")
        void confirmingRecorded() {
            fixture.given(recorded("waiting", null, T1))
                    .when(callback("confirming", "0.5", T2))
                    .expectEvents(recorded("confirming", "0.5", T2))
                    .expectResultMessagePayload(state("confirming", NOTHING, 0, null, null));
        }

        @Test
        @DisplayName("a non-crediting status saying less than was credited (refunded) is recorded only: no review, no debit")
        void lowerNonCreditingRecorded() {
            fixture.given(recorded("finished", "1", T1), due(1, "1", "1"))
                    .when(callback("refunded", "0", T2))
                    .expectEvents(recorded("refunded", "0", T2))
                    .expectResultMessagePayload(state("refunded", btc("1"), 1, null, null));
        }

        @Test
        @DisplayName("a crediting status without an amount is recorded and credits nothing")
        void finishedWithoutAmount() {
            fixture.given(recorded("waiting", null, T1))
                    .when(callback("finished", null, T2))
                    .expectEvents(recorded("finished", null, T2))
                    .expectResultMessagePayload(state("finished", NOTHING, 0, null, null));
        }

        @Test
        @DisplayName("a crediting callback reporting zero arrived is recorded and credits nothing")
        void finishedZero() {
            fixture.givenNoPriorActivity()
                    .when(callback("finished", "0", T1))
                    .expectEvents(recorded("finished", "0", T1))
                    .expectResultMessagePayload(state("finished", NOTHING, 0, null, null));
        }

        @Test
        @DisplayName("a callback naming another user is sent to review and credits nobody; the deposit keeps its account")
        void otherUserGoesToReview() {
            String reason = "a finished callback at " + T2 + " reports " + btc("0.9")
                    + " (gateway: 0.9) for bob/BTC but the payment was credited to alice/BTC";
            fixture.given(recorded("finished", "0.5", T1), due(1, "0.5", "0.5"))
                    .when(callback(account("bob", "BTC"), "finished", "0.9", T2))
                    .expectEvents(new DepositReviewRequired(P1, reason))
                    .expectResultMessagePayload(state("finished", btc("0.5"), 1, reason, null));
        }

        @Test
        @DisplayName("the same callback naming another user again adds no second review")
        void otherUserRepeatedIsRecordedOnce() {
            String reason = "a finished callback at " + T2 + " reports " + btc("0.9")
                    + " (gateway: 0.9) for bob/BTC but the payment was credited to alice/BTC";
            fixture.given(recorded("finished", "0.5", T1), due(1, "0.5", "0.5"), new DepositReviewRequired(P1, reason))
                    .when(callback(account("bob", "BTC"), "finished", "0.9", T2))
                    .expectNoEvents();
        }

        @Test
        @DisplayName("a callback naming another currency is sent to review and credits nothing")
        void otherCurrencyGoesToReview() {
            String reason = "a finished callback at " + T2 + " reports " + new Money("ETH", new BigDecimal("2"))
                    + " (gateway: 2) for alice/ETH but the payment was credited to alice/BTC";
            fixture.given(recorded("finished", "0.5", T1), due(1, "0.5", "0.5"))
                    .when(new RecordPaymentNotification(P1, account("alice", "ETH"), "finished", new Money("ETH", new BigDecimal("2")), "2", T2))
                    .expectEvents(new DepositReviewRequired(P1, reason))
                    .expectResultMessagePayload(state("finished", btc("0.5"), 1, reason, null));
        }

        @Test
        @DisplayName("refuses a negative amount: INVALID_AMOUNT")
        void negativeAmount() {
            assertRejected(() -> callback("finished", "-0.1", T1), RejectionCode.INVALID_AMOUNT);
        }
    }

    @Nested
    @DisplayName("FlagDepositForReview")
    class Flag {

        @Test
        @DisplayName("sends a deposit whose credit the wallet refused to review")
        void flags() {
            String reason = "credit 1 refused: balance limit";
            fixture.given(recorded("finished", "0.5", T1), due(1, "0.5", "0.5"))
                    .when(new FlagDepositForReview(P1, reason))
                    .expectEvents(new DepositReviewRequired(P1, reason))
                    .expectResultMessagePayload(state("finished", btc("0.5"), 1, reason, null));
        }

        @Test
        @DisplayName("again leaves the deposit in review, with the latest reason")
        void again() {
            fixture.given(recorded("finished", "0.5", T1), due(1, "0.5", "0.5"), new DepositReviewRequired(P1, "first"))
                    .when(new FlagDepositForReview(P1, "second"))
                    .expectEvents(new DepositReviewRequired(P1, "second"))
                    .expectResultMessagePayload(state("finished", btc("0.5"), 1, "second", null));
        }

        @Test
        @DisplayName("on an unknown deposit fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new FlagDepositForReview(P1, "x")));
        }
    }

    @Test
    @DisplayName("only finished and partially_paid credit")
    void creditingStatuses() {
        assertThat(Deposit.CREDITING_STATUSES).containsExactlyInAnyOrder("finished", "partially_paid");
    }
}
