package com.exchange.ledger.core.withdrawal;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.ApproveWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.ConfirmWithdrawalFunds;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.RefuseWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.RejectWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.ResumeWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalApproved;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalFundsLocked;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRefused;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRejected;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRequested;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.exchange.ledger.core.testing.LedgerFixtures.account;
import static com.exchange.ledger.core.testing.LedgerFixtures.btc;
import static com.exchange.ledger.core.testing.LedgerFixtures.eth;
import static com.exchange.ledger.core.testing.Rejections.assertRejected;
import static com.exchange.ledger.core.testing.Rejections.expectNotFound;
import static com.exchange.ledger.core.testing.Rejections.expectRejection;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Withdrawal: request, funds locked or refused, then approved or rejected, once")
class WithdrawalTest {

    private static final WithdrawalId W1 = WithdrawalId.of("w-1");
    private static final AccountId ALICE = account("alice", "BTC");
    private static final String ADDRESS = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
    private static final Instant REQUESTED_AT = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant DECIDED_AT = Instant.parse("2024-05-01T11:00:00Z");

    private FixtureConfiguration<Withdrawal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Withdrawal.class);
    }

    private static RequestWithdrawal request() {
        return new RequestWithdrawal(W1, ALICE, btc("0.5"), btc("0.0005"), ADDRESS, REQUESTED_AT);
    }

    private static WithdrawalRequested requested() {
        return new WithdrawalRequested(W1, ALICE, btc("0.5"), btc("0.0005"), ADDRESS, REQUESTED_AT);
    }

    private static WithdrawalFundsLocked fundsLocked() {
        return new WithdrawalFundsLocked(W1);
    }

    private static WithdrawalRefused refused() {
        return new WithdrawalRefused(W1, RejectionCode.INSUFFICIENT_FUNDS, "not enough BTC");
    }

    private static WithdrawalApproved approved() {
        return new WithdrawalApproved(W1, ALICE, btc("0.0005"), "admin-1", DECIDED_AT);
    }

    private static WithdrawalRejected rejected() {
        return new WithdrawalRejected(W1, ALICE, "address on a sanctions list", "admin-1", DECIDED_AT);
    }

    private static WithdrawalState state(WithdrawalStatus status, String decidedBy, Instant decidedAt, String reason,
                                         RejectionCode refusal) {
        return new WithdrawalState(W1, ALICE, btc("0.5"), btc("0.0005"), ADDRESS, status, REQUESTED_AT, decidedBy, decidedAt,
                reason, refusal);
    }

    private static WithdrawalState state(WithdrawalStatus status) {
        return state(status, null, null, null, null);
    }

    private static WithdrawalState approvedState() {
        return state(WithdrawalStatus.APPROVED, "admin-1", DECIDED_AT, null, null);
    }

    private static WithdrawalState rejectedState() {
        return state(WithdrawalStatus.REJECTED, "admin-1", DECIDED_AT, "address on a sanctions list", null);
    }

    private static WithdrawalState refusedState() {
        return state(WithdrawalStatus.REFUSED, null, null, "not enough BTC", RejectionCode.INSUFFICIENT_FUNDS);
    }

    @Nested
    @DisplayName("RequestWithdrawal")
    class Request {

        @Test
        @DisplayName("records the request; the hold it asks for is amount + fee")
        void recordsRequest() {
            fixture.givenNoPriorActivity()
                    .when(request())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(requested())
                    .expectResultMessagePayload(state(WithdrawalStatus.REQUESTED));
            assertThat(request().total()).isEqualTo(btc("0.5005"));
            assertThat(requested().total()).isEqualTo(btc("0.5005"));
            assertThat(W1.holdId().value()).isEqualTo("withdrawal:w-1");
        }

        @Test
        @DisplayName("accepts a zero fee")
        void zeroFee() {
            fixture.givenNoPriorActivity()
                    .when(new RequestWithdrawal(W1, ALICE, btc("0.5"), btc("0"), ADDRESS, REQUESTED_AT))
                    .expectEvents(new WithdrawalRequested(W1, ALICE, btc("0.5"), btc("0"), ADDRESS, REQUESTED_AT));
        }

        @Test
        @DisplayName("the same request again (a retry, later) records nothing and answers the first request's state")
        void sameRequestIsIdempotent() {
            fixture.given(requested())
                    .when(new RequestWithdrawal(W1, ALICE, btc("0.5"), btc("0.0005"), ADDRESS, REQUESTED_AT.plusSeconds(30)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(state(WithdrawalStatus.REQUESTED));
        }

        @Test
        @DisplayName("the same request after the decision answers the decided state, records nothing")
        void sameRequestAfterApproval() {
            fixture.given(requested(), fundsLocked(), approved())
                    .when(request())
                    .expectNoEvents()
                    .expectResultMessagePayload(approvedState());
        }

        @Test
        @DisplayName("refuses another amount under the same id: OPERATION_CONFLICT")
        void otherAmount() {
            expectRejection(fixture.given(requested())
                    .when(new RequestWithdrawal(W1, ALICE, btc("0.6"), btc("0.0005"), ADDRESS, REQUESTED_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another fee under the same id: OPERATION_CONFLICT")
        void otherFee() {
            expectRejection(fixture.given(requested())
                    .when(new RequestWithdrawal(W1, ALICE, btc("0.5"), btc("0.001"), ADDRESS, REQUESTED_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another address under the same id: OPERATION_CONFLICT")
        void otherAddress() {
            expectRejection(fixture.given(requested())
                    .when(new RequestWithdrawal(W1, ALICE, btc("0.5"), btc("0.0005"), "bc1qother", REQUESTED_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another account under the same id: OPERATION_CONFLICT")
        void otherAccount() {
            expectRejection(fixture.given(requested())
                    .when(new RequestWithdrawal(W1, account("bob", "BTC"), btc("0.5"), btc("0.0005"), ADDRESS, REQUESTED_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses a zero or negative amount and a negative fee: INVALID_AMOUNT")
        void invalidAmounts() {
            assertRejected(() -> new RequestWithdrawal(W1, ALICE, btc("0"), btc("0"), ADDRESS, REQUESTED_AT), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new RequestWithdrawal(W1, ALICE, btc("-0.1"), btc("0"), ADDRESS, REQUESTED_AT), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new RequestWithdrawal(W1, ALICE, btc("0.1"), btc("-0.0001"), ADDRESS, REQUESTED_AT), RejectionCode.INVALID_AMOUNT);
        }

        @Test
        @DisplayName("refuses an amount or fee in another currency than the account's: CURRENCY_MISMATCH")
        void currencyMismatch() {
            assertRejected(() -> new RequestWithdrawal(W1, ALICE, eth("0.5"), btc("0"), ADDRESS, REQUESTED_AT), RejectionCode.CURRENCY_MISMATCH);
            assertRejected(() -> new RequestWithdrawal(W1, ALICE, btc("0.5"), eth("0.01"), ADDRESS, REQUESTED_AT), RejectionCode.CURRENCY_MISMATCH);
        }

        @Test
        @DisplayName("refuses a missing, empty, spaced, non-printable or over-long address: VALIDATION_FAILED")
        void invalidAddress() {
            assertRejected(() -> new RequestWithdrawal(W1, ALICE, btc("0.5"), btc("0"), null, REQUESTED_AT), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new RequestWithdrawal(W1, ALICE, btc("0.5"), btc("0"), "", REQUESTED_AT), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new RequestWithdrawal(W1, ALICE, btc("0.5"), btc("0"), "bc1q abc", REQUESTED_AT), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new RequestWithdrawal(W1, ALICE, btc("0.5"), btc("0"), "bc1q\nabc", REQUESTED_AT), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new RequestWithdrawal(W1, ALICE, btc("0.5"), btc("0"), "x".repeat(RequestWithdrawal.MAX_ADDRESS_LENGTH + 1),
                    REQUESTED_AT), RejectionCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("accepts an address of exactly the maximum length")
        void longestAddress() {
            String longest = "x".repeat(RequestWithdrawal.MAX_ADDRESS_LENGTH);
            fixture.givenNoPriorActivity()
                    .when(new RequestWithdrawal(W1, ALICE, btc("0.5"), btc("0"), longest, REQUESTED_AT))
                    .expectEvents(new WithdrawalRequested(W1, ALICE, btc("0.5"), btc("0"), longest, REQUESTED_AT));
        }
    }

    @Nested
    @DisplayName("ConfirmWithdrawalFunds")
    class ConfirmFunds {

        @Test
        @DisplayName("makes a requested withdrawal pending")
        void makesPending() {
            fixture.given(requested())
                    .when(new ConfirmWithdrawalFunds(W1))
                    .expectEvents(fundsLocked())
                    .expectResultMessagePayload(state(WithdrawalStatus.PENDING));
        }

        @Test
        @DisplayName("again on a pending withdrawal records nothing")
        void idempotent() {
            fixture.given(requested(), fundsLocked())
                    .when(new ConfirmWithdrawalFunds(W1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(WithdrawalStatus.PENDING));
        }

        @Test
        @DisplayName("after a refusal records nothing: the withdrawal stays refused (the process then gives the lock back)")
        void afterRefusal() {
            fixture.given(requested(), refused())
                    .when(new ConfirmWithdrawalFunds(W1))
                    .expectNoEvents()
                    .expectResultMessagePayload(refusedState());
        }

        @Test
        @DisplayName("after an approval records nothing")
        void afterApproval() {
            fixture.given(requested(), fundsLocked(), approved())
                    .when(new ConfirmWithdrawalFunds(W1))
                    .expectNoEvents()
                    .expectResultMessagePayload(approvedState());
        }

        @Test
        @DisplayName("on an unknown withdrawal fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new ConfirmWithdrawalFunds(W1)));
        }
    }

    @Nested
    @DisplayName("RefuseWithdrawal")
    class Refuse {

        @Test
        @DisplayName("ends a requested withdrawal as refused, with the wallet's code and detail")
        void refuses() {
            fixture.given(requested())
                    .when(new RefuseWithdrawal(W1, RejectionCode.INSUFFICIENT_FUNDS, "not enough BTC"))
                    .expectEvents(refused())
                    .expectResultMessagePayload(refusedState());
        }

        @Test
        @DisplayName("again records nothing and keeps the first refusal")
        void idempotent() {
            fixture.given(requested(), refused())
                    .when(new RefuseWithdrawal(W1, RejectionCode.TOO_MANY_OPEN_HOLDS, "other detail"))
                    .expectNoEvents()
                    .expectResultMessagePayload(refusedState());
        }

        @Test
        @DisplayName("after the funds were locked records nothing: the withdrawal stays pending")
        void afterFundsLocked() {
            fixture.given(requested(), fundsLocked())
                    .when(new RefuseWithdrawal(W1, RejectionCode.INSUFFICIENT_FUNDS, "not enough BTC"))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(WithdrawalStatus.PENDING));
        }

        @Test
        @DisplayName("after a rejection records nothing")
        void afterRejection() {
            fixture.given(requested(), fundsLocked(), rejected())
                    .when(new RefuseWithdrawal(W1, RejectionCode.INSUFFICIENT_FUNDS, "not enough BTC"))
                    .expectNoEvents()
                    .expectResultMessagePayload(rejectedState());
        }
    }

    @Nested
    @DisplayName("ApproveWithdrawal")
    class Approve {

        @Test
        @DisplayName("approves a pending withdrawal; the event carries the account and fee the settlement needs")
        void approves() {
            fixture.given(requested(), fundsLocked())
                    .when(new ApproveWithdrawal(W1, "admin-1", DECIDED_AT))
                    .expectEvents(approved())
                    .expectResultMessagePayload(approvedState());
        }

        @Test
        @DisplayName("again (even by another admin) records nothing and keeps the first decision")
        void idempotent() {
            fixture.given(requested(), fundsLocked(), approved())
                    .when(new ApproveWithdrawal(W1, "admin-2", DECIDED_AT.plusSeconds(60)))
                    .expectNoEvents()
                    .expectResultMessagePayload(approvedState());
        }

        @Test
        @DisplayName("refuses while the funds are not yet locked: WITHDRAWAL_NOT_PENDING")
        void notYetPending() {
            expectRejection(fixture.given(requested())
                    .when(new ApproveWithdrawal(W1, "admin-1", DECIDED_AT)),
                    RejectionCode.WITHDRAWAL_NOT_PENDING);
        }

        @Test
        @DisplayName("refuses after a rejection: WITHDRAWAL_NOT_PENDING")
        void afterRejection() {
            expectRejection(fixture.given(requested(), fundsLocked(), rejected())
                    .when(new ApproveWithdrawal(W1, "admin-2", DECIDED_AT)),
                    RejectionCode.WITHDRAWAL_NOT_PENDING);
        }

        @Test
        @DisplayName("refuses a withdrawal whose funds were refused: WITHDRAWAL_NOT_PENDING")
        void afterRefusal() {
            expectRejection(fixture.given(requested(), refused())
                    .when(new ApproveWithdrawal(W1, "admin-1", DECIDED_AT)),
                    RejectionCode.WITHDRAWAL_NOT_PENDING);
        }

        @Test
        @DisplayName("on an unknown withdrawal fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new ApproveWithdrawal(W1, "admin-1", DECIDED_AT)));
        }
    }

    @Nested
    @DisplayName("RejectWithdrawal")
    class Reject {

        @Test
        @DisplayName("rejects a pending withdrawal with the admin's reason")
        void rejects() {
            fixture.given(requested(), fundsLocked())
                    .when(new RejectWithdrawal(W1, "address on a sanctions list", "admin-1", DECIDED_AT))
                    .expectEvents(rejected())
                    .expectResultMessagePayload(rejectedState());
        }

        @Test
        @DisplayName("again (another reason, another admin) records nothing and keeps the first decision")
        void idempotent() {
            fixture.given(requested(), fundsLocked(), rejected())
                    .when(new RejectWithdrawal(W1, "changed my mind", "admin-2", DECIDED_AT.plusSeconds(60)))
                    .expectNoEvents()
                    .expectResultMessagePayload(rejectedState());
        }

        @Test
        @DisplayName("refuses after an approval: WITHDRAWAL_NOT_PENDING")
        void afterApproval() {
            expectRejection(fixture.given(requested(), fundsLocked(), approved())
                    .when(new RejectWithdrawal(W1, "too late", "admin-2", DECIDED_AT)),
                    RejectionCode.WITHDRAWAL_NOT_PENDING);
        }

        @Test
        @DisplayName("refuses while the funds are not yet locked: WITHDRAWAL_NOT_PENDING")
        void notYetPending() {
            expectRejection(fixture.given(requested())
                    .when(new RejectWithdrawal(W1, "no", "admin-1", DECIDED_AT)),
                    RejectionCode.WITHDRAWAL_NOT_PENDING);
        }

        @Test
        @DisplayName("refuses a withdrawal whose funds were refused: WITHDRAWAL_NOT_PENDING")
        void afterRefusal() {
            expectRejection(fixture.given(requested(), refused())
                    .when(new RejectWithdrawal(W1, "no", "admin-1", DECIDED_AT)),
                    RejectionCode.WITHDRAWAL_NOT_PENDING);
        }

        @Test
        @DisplayName("on an unknown withdrawal fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new RejectWithdrawal(W1, "no", "admin-1", DECIDED_AT)));
        }
    }

    @Nested
    @DisplayName("ResumeWithdrawal")
    class Resume {

        @Test
        @DisplayName("answers a half-way withdrawal's state and records nothing")
        void requested() {
            fixture.given(WithdrawalTest.requested())
                    .when(new ResumeWithdrawal(W1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(WithdrawalStatus.REQUESTED));
        }

        @Test
        @DisplayName("answers a decided withdrawal's state and records nothing")
        void decided() {
            fixture.given(WithdrawalTest.requested(), fundsLocked(), rejected())
                    .when(new ResumeWithdrawal(W1))
                    .expectNoEvents()
                    .expectResultMessagePayload(rejectedState());
        }

        @Test
        @DisplayName("on an unknown withdrawal fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new ResumeWithdrawal(W1)));
        }
    }

    @Test
    @DisplayName("only REFUSED, APPROVED and REJECTED are final")
    void finalStatuses() {
        assertThat(WithdrawalStatus.values()).filteredOn(WithdrawalStatus::isFinal)
                .containsExactlyInAnyOrder(WithdrawalStatus.REFUSED, WithdrawalStatus.APPROVED, WithdrawalStatus.REJECTED);
    }
}
