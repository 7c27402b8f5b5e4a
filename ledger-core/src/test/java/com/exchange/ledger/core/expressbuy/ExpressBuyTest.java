package com.exchange.ledger.core.expressbuy;

import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.CompleteExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.PlaceExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.RefuseExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.ResumeExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyEvents.ExpressBuyCompleted;
import com.exchange.ledger.core.expressbuy.ExpressBuyEvents.ExpressBuyPlaced;
import com.exchange.ledger.core.expressbuy.ExpressBuyEvents.ExpressBuyRefused;
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
import static com.exchange.ledger.core.testing.LedgerFixtures.eth;
import static com.exchange.ledger.core.testing.Rejections.assertRejected;
import static com.exchange.ledger.core.testing.Rejections.expectNotFound;
import static com.exchange.ledger.core.testing.Rejections.expectRejection;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("ExpressBuy: an order is placed once, then completed or refused, once")
class ExpressBuyTest {

    private static final OrderId O1 = OrderId.of("o-1");
    private static final AccountId ALICE = account("alice", "BTC");
    private static final Money FIAT = eur("1000.00");
    private static final String PAYMENT_REF = "card-7781";
    private static final Instant PLACED_AT = Instant.parse("2024-05-01T10:00:00Z");

    private FixtureConfiguration<ExpressBuy> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ExpressBuy.class);
    }

    private static Money eur(String amount) {
        return new Money("EUR", new BigDecimal(amount));
    }

    private static PlaceExpressBuy place() {
        return new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), btc("0.0001"), PAYMENT_REF, PLACED_AT);
    }

    private static ExpressBuyPlaced placed() {
        return new ExpressBuyPlaced(O1, ALICE, FIAT, btc("0.015"), btc("0.0001"), PAYMENT_REF, PLACED_AT);
    }

    private static ExpressBuyRefused refused() {
        return new ExpressBuyRefused(O1, RejectionCode.INSUFFICIENT_FUNDS, "treasury is empty");
    }

    private static ExpressBuyState state(ExpressBuyStatus status, RejectionCode refusal, String detail) {
        return new ExpressBuyState(O1, ALICE, FIAT, btc("0.015"), btc("0.0001"), PAYMENT_REF, status, PLACED_AT, refusal, detail);
    }

    private static ExpressBuyState state(ExpressBuyStatus status) {
        return state(status, null, null);
    }

    private static ExpressBuyState refusedState() {
        return state(ExpressBuyStatus.REFUSED, RejectionCode.INSUFFICIENT_FUNDS, "treasury is empty");
    }

    @Nested
    @DisplayName("PlaceExpressBuy")
    class Place {

        @Test
        @DisplayName("records the order with its fiat side and payment reference; the credit's operation id is express-buy:<id>")
        void places() {
            fixture.givenNoPriorActivity()
                    .when(place())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(placed())
                    .expectResultMessagePayload(state(ExpressBuyStatus.REQUESTED));
            assertThat(O1.creditId().value()).isEqualTo("express-buy:o-1");
        }

        @Test
        @DisplayName("accepts a zero fee")
        void zeroFee() {
            fixture.givenNoPriorActivity()
                    .when(new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), btc("0"), PAYMENT_REF, PLACED_AT))
                    .expectEvents(new ExpressBuyPlaced(O1, ALICE, FIAT, btc("0.015"), btc("0"), PAYMENT_REF, PLACED_AT));
        }

        @Test
        @DisplayName("the same order again (later) records nothing and answers the first state")
        void idempotent() {
            fixture.given(placed())
                    .when(new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), btc("0.0001"), PAYMENT_REF, PLACED_AT.plusSeconds(3)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(state(ExpressBuyStatus.REQUESTED));
        }

        @Test
        @DisplayName("the same order again after completion answers the completed state: the crypto is bought once")
        void idempotentAfterCompletion() {
            fixture.given(placed(), new ExpressBuyCompleted(O1))
                    .when(place())
                    .expectNoEvents()
                    .expectResultMessagePayload(state(ExpressBuyStatus.COMPLETED));
        }

        @Test
        @DisplayName("refuses another account under the same id: OPERATION_CONFLICT")
        void otherAccount() {
            expectRejection(fixture.given(placed())
                    .when(new PlaceExpressBuy(O1, account("bob", "BTC"), FIAT, btc("0.015"), btc("0.0001"), PAYMENT_REF, PLACED_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another fiat amount under the same id: OPERATION_CONFLICT")
        void otherFiat() {
            expectRejection(fixture.given(placed())
                    .when(new PlaceExpressBuy(O1, ALICE, eur("1001.00"), btc("0.015"), btc("0.0001"), PAYMENT_REF, PLACED_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another crypto amount under the same id: OPERATION_CONFLICT")
        void otherAmount() {
            expectRejection(fixture.given(placed())
                    .when(new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.016"), btc("0.0001"), PAYMENT_REF, PLACED_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another fee under the same id: OPERATION_CONFLICT")
        void otherFee() {
            expectRejection(fixture.given(placed())
                    .when(new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), btc("0.0002"), PAYMENT_REF, PLACED_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another payment reference under the same id: OPERATION_CONFLICT")
        void otherPaymentRef() {
            expectRejection(fixture.given(placed())
                    .when(new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), btc("0.0001"), "card-7782", PLACED_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses a zero fiat amount, a zero crypto amount and a negative fee: INVALID_AMOUNT")
        void invalidAmounts() {
            assertRejected(() -> new PlaceExpressBuy(O1, ALICE, eur("0"), btc("0.015"), btc("0"), PAYMENT_REF, PLACED_AT),
                    RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new PlaceExpressBuy(O1, ALICE, FIAT, btc("0"), btc("0"), PAYMENT_REF, PLACED_AT),
                    RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), btc("-0.0001"), PAYMENT_REF, PLACED_AT),
                    RejectionCode.INVALID_AMOUNT);
        }

        @Test
        @DisplayName("refuses a crypto amount or fee in another currency than the account's: CURRENCY_MISMATCH")
        void currencyMismatch() {
            assertRejected(() -> new PlaceExpressBuy(O1, ALICE, FIAT, eth("0.2"), btc("0"), PAYMENT_REF, PLACED_AT),
                    RejectionCode.CURRENCY_MISMATCH);
            assertRejected(() -> new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), eth("0.001"), PAYMENT_REF, PLACED_AT),
                    RejectionCode.CURRENCY_MISMATCH);
        }

        @Test
        @DisplayName("refuses a fee equal to or above the amount: FEE_NOT_BELOW_AMOUNT")
        void feeNotBelowAmount() {
            assertRejected(() -> new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), btc("0.015"), PAYMENT_REF, PLACED_AT),
                    RejectionCode.FEE_NOT_BELOW_AMOUNT);
            assertRejected(() -> new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), btc("0.02"), PAYMENT_REF, PLACED_AT),
                    RejectionCode.FEE_NOT_BELOW_AMOUNT);
        }

        @Test
        @DisplayName("refuses a missing or malformed payment reference: VALIDATION_FAILED")
        void invalidPaymentRef() {
            assertRejected(() -> new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), btc("0"), null, PLACED_AT),
                    RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), btc("0"), "", PLACED_AT),
                    RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), btc("0"), "card 7781", PLACED_AT),
                    RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> new PlaceExpressBuy(O1, ALICE, FIAT, btc("0.015"), btc("0"), "x".repeat(129), PLACED_AT),
                    RejectionCode.VALIDATION_FAILED);
        }
    }

    @Nested
    @DisplayName("CompleteExpressBuy")
    class Complete {

        @Test
        @DisplayName("completes a placed order once its crypto is credited")
        void completes() {
            fixture.given(placed())
                    .when(new CompleteExpressBuy(O1))
                    .expectEvents(new ExpressBuyCompleted(O1))
                    .expectResultMessagePayload(state(ExpressBuyStatus.COMPLETED));
        }

        @Test
        @DisplayName("again records nothing")
        void idempotent() {
            fixture.given(placed(), new ExpressBuyCompleted(O1))
                    .when(new CompleteExpressBuy(O1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(ExpressBuyStatus.COMPLETED));
        }

        @Test
        @DisplayName("after a refusal records nothing: a refused order never completes")
        void afterRefusal() {
            fixture.given(placed(), refused())
                    .when(new CompleteExpressBuy(O1))
                    .expectNoEvents()
                    .expectResultMessagePayload(refusedState());
        }

        @Test
        @DisplayName("on an unknown order fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new CompleteExpressBuy(O1)));
        }
    }

    @Nested
    @DisplayName("RefuseExpressBuy")
    class Refuse {

        @Test
        @DisplayName("refuses a placed order with the wallet's code and detail")
        void refuses() {
            fixture.given(placed())
                    .when(new RefuseExpressBuy(O1, RejectionCode.INSUFFICIENT_FUNDS, "treasury is empty"))
                    .expectEvents(refused())
                    .expectResultMessagePayload(refusedState());
        }

        @Test
        @DisplayName("again records nothing and keeps the first refusal")
        void idempotent() {
            fixture.given(placed(), refused())
                    .when(new RefuseExpressBuy(O1, RejectionCode.BALANCE_LIMIT_EXCEEDED, "other"))
                    .expectNoEvents()
                    .expectResultMessagePayload(refusedState());
        }

        @Test
        @DisplayName("after completion records nothing: a completed order is never refused")
        void afterCompletion() {
            fixture.given(placed(), new ExpressBuyCompleted(O1))
                    .when(new RefuseExpressBuy(O1, RejectionCode.INSUFFICIENT_FUNDS, "treasury is empty"))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(ExpressBuyStatus.COMPLETED));
        }

        @Test
        @DisplayName("on an unknown order fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new RefuseExpressBuy(O1, RejectionCode.INSUFFICIENT_FUNDS, "x")));
        }
    }

    @Nested
    @DisplayName("ResumeExpressBuy")
    class Resume {

        @Test
        @DisplayName("answers a half-way order's state and records nothing")
        void placedOrder() {
            fixture.given(placed())
                    .when(new ResumeExpressBuy(O1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(ExpressBuyStatus.REQUESTED));
        }

        @Test
        @DisplayName("answers a refused order's state and records nothing")
        void refusedOrder() {
            fixture.given(placed(), refused())
                    .when(new ResumeExpressBuy(O1))
                    .expectNoEvents()
                    .expectResultMessagePayload(refusedState());
        }

        @Test
        @DisplayName("on an unknown order fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new ResumeExpressBuy(O1)));
        }
    }
}
