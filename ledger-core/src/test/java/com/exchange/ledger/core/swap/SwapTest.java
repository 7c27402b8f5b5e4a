package com.exchange.ledger.core.swap;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.swap.SwapCommands.CompleteSwap;
import com.exchange.ledger.core.swap.SwapCommands.ConfirmSwapFunds;
import com.exchange.ledger.core.swap.SwapCommands.RefuseSwap;
import com.exchange.ledger.core.swap.SwapCommands.RequestSwap;
import com.exchange.ledger.core.swap.SwapCommands.ResumeSwap;
import com.exchange.ledger.core.swap.SwapEvents.SwapCompleted;
import com.exchange.ledger.core.swap.SwapEvents.SwapFunded;
import com.exchange.ledger.core.swap.SwapEvents.SwapRefused;
import com.exchange.ledger.core.swap.SwapEvents.SwapRequested;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static com.exchange.ledger.core.testing.LedgerFixtures.BTC;
import static com.exchange.ledger.core.testing.LedgerFixtures.ETH;
import static com.exchange.ledger.core.testing.LedgerFixtures.USDT;
import static com.exchange.ledger.core.testing.LedgerFixtures.account;
import static com.exchange.ledger.core.testing.LedgerFixtures.btc;
import static com.exchange.ledger.core.testing.LedgerFixtures.eth;
import static com.exchange.ledger.core.testing.LedgerFixtures.usdt;
import static com.exchange.ledger.core.testing.Rejections.assertRejected;
import static com.exchange.ledger.core.testing.Rejections.expectNotFound;
import static com.exchange.ledger.core.testing.Rejections.expectRejection;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Swap: requested, funded or refused, then completed or refused, once; the bought amount is rounded down")
class SwapTest {

    private static final SwapId S1 = SwapId.of("s-1");
    private static final UserId ALICE = UserId.of("alice");
    private static final AccountId ALICE_BTC = account("alice", "BTC");
    private static final AccountId ALICE_USDT = account("alice", "USDT");
    private static final BigDecimal RATE = new BigDecimal("60000.12345678");
    /** 0.5 × 60000.12345678 = 30000.06172839, rounded down to USDT's 6 decimals. */
    private static final Money BOUGHT = usdt("30000.061728");
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00Z");

    private FixtureConfiguration<Swap> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Swap.class);
    }

    private static RequestSwap request() {
        return new RequestSwap(S1, ALICE, btc("0.5"), USDT, RATE, btc("0.0001"), AT);
    }

    private static SwapRequested requested() {
        return new SwapRequested(S1, ALICE_BTC, ALICE_USDT, btc("0.5"), BOUGHT, RATE, btc("0.0001"), AT);
    }

    private static SwapFunded funded() {
        return new SwapFunded(S1);
    }

    private static SwapRefused refusedUnlocked() {
        return new SwapRefused(S1, RejectionCode.INSUFFICIENT_FUNDS, "not enough BTC", false);
    }

    private static SwapRefused refusedLocked() {
        return new SwapRefused(S1, RejectionCode.BALANCE_LIMIT_EXCEEDED, "too much USDT", true);
    }

    private static SwapState state(SwapStatus status, boolean fundsLocked, RejectionCode refusal, String detail) {
        return new SwapState(S1, ALICE_BTC, ALICE_USDT, btc("0.5"), BOUGHT, RATE, btc("0.0001"), status, fundsLocked, AT,
                refusal, detail);
    }

    private static SwapState state(SwapStatus status, boolean fundsLocked) {
        return state(status, fundsLocked, null, null);
    }

    private static RequestSwap withRate(String rate) {
        return new RequestSwap(S1, ALICE, btc("0.5"), USDT, rate == null ? null : new BigDecimal(rate), btc("0"), AT);
    }

    @Nested
    @DisplayName("RequestSwap")
    class Request {

        @Test
        @DisplayName("records both accounts and the bought amount, rounded down; a fee in the sold currency is locked with the amount")
        void records() {
            fixture.givenNoPriorActivity()
                    .when(request())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(requested())
                    .expectResultMessagePayload(state(SwapStatus.REQUESTED, false));
            assertThat(request().toAmount()).isEqualTo(BOUGHT);
            assertThat(state(SwapStatus.REQUESTED, false).feeInSoldCurrency()).isTrue();
            assertThat(state(SwapStatus.REQUESTED, false).locked()).isEqualTo(btc("0.5001"));
        }

        @Test
        @DisplayName("a fee in the bought currency is not locked: the lock is the sold amount alone")
        void feeInBoughtCurrency() {
            SwapRequested event = new SwapRequested(S1, ALICE_BTC, ALICE_USDT, btc("0.5"), BOUGHT, RATE, usdt("10"), AT);
            SwapState expected = new SwapState(S1, ALICE_BTC, ALICE_USDT, btc("0.5"), BOUGHT, RATE, usdt("10"), SwapStatus.REQUESTED,
                    false, AT, null, null);
            fixture.givenNoPriorActivity()
                    .when(new RequestSwap(S1, ALICE, btc("0.5"), USDT, RATE, usdt("10"), AT))
                    .expectEvents(event)
                    .expectResultMessagePayload(expected);
            assertThat(expected.feeInSoldCurrency()).isFalse();
            assertThat(expected.locked()).isEqualTo(btc("0.5"));
        }

        @Test
        @DisplayName("rounds the bought amount down, never up, to the bought currency's precision")
        void roundsDown() {
            // 0.00000003 × 60000.12345678 = 0.0018000037037034 USDT
            assertThat(new RequestSwap(S1, ALICE, btc("0.00000003"), USDT, RATE, btc("0"), AT).toAmount()).isEqualTo(usdt("0.0018"));
            // 1 USDT at 0.0000166666666666 BTC = 0.0000166666666666 → 0.00001666 BTC
            assertThat(new RequestSwap(S1, ALICE, usdt("1"), BTC, new BigDecimal("0.0000166666666666"), usdt("0"), AT).toAmount())
                    .isEqualTo(btc("0.00001666"));
        }

        @Test
        @DisplayName("the same swap again (rate written with another scale, later) records nothing and answers the first state")
        void idempotent() {
            fixture.given(requested())
                    .when(new RequestSwap(S1, ALICE, btc("0.5"), USDT, new BigDecimal("60000.1234567800"), btc("0.0001"), AT.plusSeconds(9)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(state(SwapStatus.REQUESTED, false));
        }

        @Test
        @DisplayName("the same swap again after completion answers the completed state, records nothing")
        void idempotentAfterCompletion() {
            fixture.given(requested(), funded(), new SwapCompleted(S1))
                    .when(request())
                    .expectNoEvents()
                    .expectResultMessagePayload(state(SwapStatus.COMPLETED, true));
        }

        @Test
        @DisplayName("refuses another amount under the same id: OPERATION_CONFLICT")
        void otherAmount() {
            expectRejection(fixture.given(requested())
                    .when(new RequestSwap(S1, ALICE, btc("0.6"), USDT, RATE, btc("0.0001"), AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another rate under the same id: OPERATION_CONFLICT")
        void otherRate() {
            expectRejection(fixture.given(requested())
                    .when(new RequestSwap(S1, ALICE, btc("0.5"), USDT, new BigDecimal("60000.12345679"), btc("0.0001"), AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another fee under the same id: OPERATION_CONFLICT")
        void otherFee() {
            expectRejection(fixture.given(requested())
                    .when(new RequestSwap(S1, ALICE, btc("0.5"), USDT, RATE, btc("0.0002"), AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another bought currency under the same id: OPERATION_CONFLICT")
        void otherCurrency() {
            expectRejection(fixture.given(requested())
                    .when(new RequestSwap(S1, ALICE, btc("0.5"), ETH, new BigDecimal("20"), btc("0.0001"), AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another user under the same id: OPERATION_CONFLICT")
        void otherUser() {
            expectRejection(fixture.given(requested())
                    .when(new RequestSwap(S1, UserId.of("bob"), btc("0.5"), USDT, RATE, btc("0.0001"), AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses swapping a currency for itself: SAME_ACCOUNT")
        void sameCurrency() {
            assertRejected(() -> new RequestSwap(S1, ALICE, btc("0.5"), BTC, BigDecimal.ONE, btc("0"), AT), RejectionCode.SAME_ACCOUNT);
        }

        @Test
        @DisplayName("refuses a missing, zero, negative, too large or too precise rate: VALIDATION_FAILED")
        void invalidRate() {
            assertRejected(() -> withRate(null), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> withRate("0"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> withRate("-1"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> withRate("1000000000000"), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> withRate("1.0000000000000000001"), RejectionCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("accepts a rate just below the maximum and one with 18 decimals (trailing zeros do not count)")
        void rateBounds() {
            assertThat(withRate("999999999999").toAmount()).isEqualTo(usdt("499999999999.5"));
            assertThat(withRate("2.000000000000000001").toAmount()).isEqualTo(usdt("1"));
            assertThat(withRate("2.50000000000000000000000").toAmount()).isEqualTo(usdt("1.25"));
        }

        @Test
        @DisplayName("refuses a fee in a third currency: CURRENCY_MISMATCH")
        void feeCurrency() {
            assertRejected(() -> new RequestSwap(S1, ALICE, btc("0.5"), USDT, RATE, eth("0.01"), AT), RejectionCode.CURRENCY_MISMATCH);
        }

        @Test
        @DisplayName("refuses a zero amount and a negative fee: INVALID_AMOUNT")
        void invalidAmounts() {
            assertRejected(() -> new RequestSwap(S1, ALICE, btc("0"), USDT, RATE, btc("0"), AT), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new RequestSwap(S1, ALICE, btc("0.5"), USDT, RATE, btc("-0.0001"), AT), RejectionCode.INVALID_AMOUNT);
        }

        @Test
        @DisplayName("refuses a swap that buys less than one unit of the bought currency: INVALID_AMOUNT")
        void buysNothing() {
            assertRejected(() -> new RequestSwap(S1, ALICE, btc("0.00000001"), USDT, new BigDecimal("0.5"), btc("0"), AT),
                    RejectionCode.INVALID_AMOUNT);
        }

        @Test
        @DisplayName("refuses a fee in the bought currency equal to or above what is bought: FEE_NOT_BELOW_AMOUNT")
        void feeNotBelowBought() {
            assertRejected(() -> new RequestSwap(S1, ALICE, btc("0.5"), USDT, RATE, BOUGHT, AT), RejectionCode.FEE_NOT_BELOW_AMOUNT);
            assertRejected(() -> new RequestSwap(S1, ALICE, btc("0.5"), USDT, RATE, usdt("30000.061729"), AT),
                    RejectionCode.FEE_NOT_BELOW_AMOUNT);
            assertThat(new RequestSwap(S1, ALICE, btc("0.5"), USDT, RATE, usdt("30000.061727"), AT).fee()).isEqualTo(usdt("30000.061727"));
        }
    }

    @Nested
    @DisplayName("ConfirmSwapFunds")
    class ConfirmFunds {

        @Test
        @DisplayName("funds a requested swap: the sold side is locked")
        void funds() {
            fixture.given(requested())
                    .when(new ConfirmSwapFunds(S1))
                    .expectEvents(funded())
                    .expectResultMessagePayload(state(SwapStatus.FUNDED, true));
        }

        @Test
        @DisplayName("again records nothing")
        void idempotent() {
            fixture.given(requested(), funded())
                    .when(new ConfirmSwapFunds(S1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(SwapStatus.FUNDED, true));
        }

        @Test
        @DisplayName("after a refusal of the lock records nothing: refused, no funds locked (the caller gives its lock back)")
        void afterRefusal() {
            fixture.given(requested(), refusedUnlocked())
                    .when(new ConfirmSwapFunds(S1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(SwapStatus.REFUSED, false, RejectionCode.INSUFFICIENT_FUNDS, "not enough BTC"));
        }

        @Test
        @DisplayName("after completion records nothing")
        void afterCompletion() {
            fixture.given(requested(), funded(), new SwapCompleted(S1))
                    .when(new ConfirmSwapFunds(S1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(SwapStatus.COMPLETED, true));
        }

        @Test
        @DisplayName("on an unknown swap fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new ConfirmSwapFunds(S1)));
        }
    }

    @Nested
    @DisplayName("RefuseSwap")
    class Refuse {

        @Test
        @DisplayName("refuses a requested swap: nothing was locked, nothing to give back")
        void beforeLock() {
            fixture.given(requested())
                    .when(new RefuseSwap(S1, RejectionCode.INSUFFICIENT_FUNDS, "not enough BTC"))
                    .expectEvents(refusedUnlocked())
                    .expectResultMessagePayload(state(SwapStatus.REFUSED, false, RejectionCode.INSUFFICIENT_FUNDS, "not enough BTC"));
        }

        @Test
        @DisplayName("refuses a funded swap whose credit was refused: the event says the lock must be given back")
        void afterLock() {
            fixture.given(requested(), funded())
                    .when(new RefuseSwap(S1, RejectionCode.BALANCE_LIMIT_EXCEEDED, "too much USDT"))
                    .expectEvents(refusedLocked())
                    .expectResultMessagePayload(state(SwapStatus.REFUSED, true, RejectionCode.BALANCE_LIMIT_EXCEEDED, "too much USDT"));
        }

        @Test
        @DisplayName("again records nothing and keeps the first refusal")
        void idempotent() {
            fixture.given(requested(), funded(), refusedLocked())
                    .when(new RefuseSwap(S1, RejectionCode.INSUFFICIENT_FUNDS, "other"))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(SwapStatus.REFUSED, true, RejectionCode.BALANCE_LIMIT_EXCEEDED, "too much USDT"));
        }

        @Test
        @DisplayName("after completion records nothing: a completed swap is never undone")
        void afterCompletion() {
            fixture.given(requested(), funded(), new SwapCompleted(S1))
                    .when(new RefuseSwap(S1, RejectionCode.BALANCE_LIMIT_EXCEEDED, "too much USDT"))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(SwapStatus.COMPLETED, true));
        }

        @Test
        @DisplayName("on an unknown swap fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new RefuseSwap(S1, RejectionCode.INSUFFICIENT_FUNDS, "x")));
        }
    }

    @Nested
    @DisplayName("CompleteSwap")
    class Complete {

        @Test
        @DisplayName("completes a funded swap")
        void completes() {
            fixture.given(requested(), funded())
                    .when(new CompleteSwap(S1))
                    .expectEvents(new SwapCompleted(S1))
                    .expectResultMessagePayload(state(SwapStatus.COMPLETED, true));
        }

        @Test
        @DisplayName("again records nothing")
        void idempotent() {
            fixture.given(requested(), funded(), new SwapCompleted(S1))
                    .when(new CompleteSwap(S1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(SwapStatus.COMPLETED, true));
        }

        @Test
        @DisplayName("never completes a swap whose sold side was not locked")
        void notFunded() {
            fixture.given(requested())
                    .when(new CompleteSwap(S1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(SwapStatus.REQUESTED, false));
        }

        @Test
        @DisplayName("never completes a refused swap")
        void afterRefusal() {
            fixture.given(requested(), funded(), refusedLocked())
                    .when(new CompleteSwap(S1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(SwapStatus.REFUSED, true, RejectionCode.BALANCE_LIMIT_EXCEEDED, "too much USDT"));
        }

        @Test
        @DisplayName("on an unknown swap fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new CompleteSwap(S1)));
        }
    }

    @Nested
    @DisplayName("ResumeSwap")
    class Resume {

        @Test
        @DisplayName("answers a half-way swap's state and records nothing")
        void funded() {
            fixture.given(requested(), SwapTest.funded())
                    .when(new ResumeSwap(S1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(SwapStatus.FUNDED, true));
        }

        @Test
        @DisplayName("on an unknown swap fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new ResumeSwap(S1)));
        }
    }
}
