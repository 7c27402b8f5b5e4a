package com.exchange.ledger.core.trade;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.trade.TradeCommands.CancelTrade;
import com.exchange.ledger.core.trade.TradeCommands.CompleteTrade;
import com.exchange.ledger.core.trade.TradeCommands.ConfirmTradeFunds;
import com.exchange.ledger.core.trade.TradeCommands.ExpireTrade;
import com.exchange.ledger.core.trade.TradeCommands.OpenTrade;
import com.exchange.ledger.core.trade.TradeCommands.RefuseTrade;
import com.exchange.ledger.core.trade.TradeCommands.ResumeTrade;
import com.exchange.ledger.core.trade.TradeEvents.TradeCancelled;
import com.exchange.ledger.core.trade.TradeEvents.TradeCompleted;
import com.exchange.ledger.core.trade.TradeEvents.TradeOpened;
import com.exchange.ledger.core.trade.TradeEvents.TradeRefused;
import com.exchange.ledger.core.trade.TradeEvents.TradeRequested;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.exchange.ledger.core.testing.LedgerFixtures.account;
import static com.exchange.ledger.core.testing.LedgerFixtures.btc;
import static com.exchange.ledger.core.testing.LedgerFixtures.usdt;
import static com.exchange.ledger.core.testing.Rejections.assertRejected;
import static com.exchange.ledger.core.testing.Rejections.expectNotFound;
import static com.exchange.ledger.core.testing.Rejections.expectRejection;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Trade: escrow opened or refused, then completed, cancelled or expired, once")
class TradeTest {

    private static final TradeId T1 = TradeId.of("t-1");
    private static final AccountId SELLER = account("alice", "USDT");
    private static final AccountId BUYER = account("bob", "USDT");
    private static final Instant OPENED_AT = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant EXPIRES_AT = OPENED_AT.plus(Duration.ofMinutes(15));
    private static final Instant BEFORE_EXPIRY = OPENED_AT.plus(Duration.ofMinutes(5));
    private static final Instant AFTER_EXPIRY = EXPIRES_AT.plusSeconds(1);

    private FixtureConfiguration<Trade> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Trade.class);
    }

    private static OpenTrade open() {
        return new OpenTrade(T1, SELLER, BUYER, usdt("100"), usdt("1"), OPENED_AT, EXPIRES_AT);
    }

    private static TradeRequested requested() {
        return new TradeRequested(T1, SELLER, BUYER, usdt("100"), usdt("1"), OPENED_AT, EXPIRES_AT);
    }

    private static TradeOpened opened() {
        return new TradeOpened(T1, EXPIRES_AT);
    }

    private static TradeRefused refused() {
        return new TradeRefused(T1, RejectionCode.INSUFFICIENT_FUNDS, "not enough USDT");
    }

    private static TradeCompleted completed() {
        return new TradeCompleted(T1, SELLER, BUYER, usdt("1"), BEFORE_EXPIRY);
    }

    private static TradeCancelled cancelled() {
        return new TradeCancelled(T1, SELLER, false, BEFORE_EXPIRY);
    }

    private static TradeCancelled expired() {
        return new TradeCancelled(T1, SELLER, true, EXPIRES_AT);
    }

    private static TradeState state(TradeStatus status, Instant settledAt) {
        return new TradeState(T1, SELLER, BUYER, usdt("100"), usdt("1"), status, OPENED_AT, EXPIRES_AT, settledAt, null, null);
    }

    private static TradeState state(TradeStatus status) {
        return state(status, null);
    }

    private static TradeState refusedState() {
        return new TradeState(T1, SELLER, BUYER, usdt("100"), usdt("1"), TradeStatus.REFUSED, OPENED_AT, EXPIRES_AT, null,
                RejectionCode.INSUFFICIENT_FUNDS, "not enough USDT");
    }

    private static OpenTrade openFor(Duration escrow) {
        return new OpenTrade(T1, SELLER, BUYER, usdt("100"), usdt("1"), OPENED_AT, OPENED_AT.plus(escrow));
    }

    @Nested
    @DisplayName("OpenTrade")
    class Open {

        @Test
        @DisplayName("records the trade, waiting for the seller's escrow; the escrow hold is trade:<id>")
        void records() {
            fixture.givenNoPriorActivity()
                    .when(open())
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(requested())
                    .expectResultMessagePayload(state(TradeStatus.REQUESTED));
            assertThat(T1.holdId().value()).isEqualTo("trade:t-1");
        }

        @Test
        @DisplayName("the same trade again (a retry with later times) records nothing and keeps the first times")
        void idempotent() {
            fixture.given(requested())
                    .when(new OpenTrade(T1, SELLER, BUYER, usdt("100"), usdt("1"), OPENED_AT.plusSeconds(5), EXPIRES_AT.plusSeconds(5)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.REQUESTED));
        }

        @Test
        @DisplayName("the same trade again after it completed answers the completed state, records nothing")
        void idempotentAfterCompletion() {
            fixture.given(requested(), opened(), completed())
                    .when(open())
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.COMPLETED, BEFORE_EXPIRY));
        }

        @Test
        @DisplayName("refuses another expiry under the same id (the same times shifted is a repeat, a longer escrow is not): OPERATION_CONFLICT")
        void otherExpiry() {
            expectRejection(fixture.given(requested())
                    .when(new OpenTrade(T1, SELLER, BUYER, usdt("100"), usdt("1"), OPENED_AT.plusSeconds(5), EXPIRES_AT.plusSeconds(65))),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another seller under the same id: OPERATION_CONFLICT")
        void otherSeller() {
            expectRejection(fixture.given(requested())
                    .when(new OpenTrade(T1, account("carol", "USDT"), BUYER, usdt("100"), usdt("1"), OPENED_AT, EXPIRES_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another buyer under the same id: OPERATION_CONFLICT")
        void otherBuyer() {
            expectRejection(fixture.given(requested())
                    .when(new OpenTrade(T1, SELLER, account("carol", "USDT"), usdt("100"), usdt("1"), OPENED_AT, EXPIRES_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another amount under the same id: OPERATION_CONFLICT")
        void otherAmount() {
            expectRejection(fixture.given(requested())
                    .when(new OpenTrade(T1, SELLER, BUYER, usdt("101"), usdt("1"), OPENED_AT, EXPIRES_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses another fee under the same id: OPERATION_CONFLICT")
        void otherFee() {
            expectRejection(fixture.given(requested())
                    .when(new OpenTrade(T1, SELLER, BUYER, usdt("100"), usdt("2"), OPENED_AT, EXPIRES_AT)),
                    RejectionCode.OPERATION_CONFLICT);
        }

        @Test
        @DisplayName("refuses a seller trading with themselves, even across currencies: SAME_ACCOUNT")
        void sameUser() {
            assertRejected(() -> new OpenTrade(T1, SELLER, account("alice", "USDT"), usdt("100"), usdt("1"), OPENED_AT, EXPIRES_AT),
                    RejectionCode.SAME_ACCOUNT);
            assertRejected(() -> new OpenTrade(T1, SELLER, account("alice", "BTC"), usdt("100"), usdt("1"), OPENED_AT, EXPIRES_AT),
                    RejectionCode.SAME_ACCOUNT);
        }

        @Test
        @DisplayName("refuses accounts, amount or fee in different currencies: CURRENCY_MISMATCH")
        void currencyMismatch() {
            assertRejected(() -> new OpenTrade(T1, SELLER, account("bob", "BTC"), usdt("100"), usdt("1"), OPENED_AT, EXPIRES_AT),
                    RejectionCode.CURRENCY_MISMATCH);
            assertRejected(() -> new OpenTrade(T1, SELLER, BUYER, btc("1"), usdt("1"), OPENED_AT, EXPIRES_AT),
                    RejectionCode.CURRENCY_MISMATCH);
            assertRejected(() -> new OpenTrade(T1, SELLER, BUYER, usdt("100"), btc("0.0001"), OPENED_AT, EXPIRES_AT),
                    RejectionCode.CURRENCY_MISMATCH);
        }

        @Test
        @DisplayName("refuses a zero amount or a negative fee: INVALID_AMOUNT")
        void invalidAmounts() {
            assertRejected(() -> new OpenTrade(T1, SELLER, BUYER, usdt("0"), usdt("0"), OPENED_AT, EXPIRES_AT), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new OpenTrade(T1, SELLER, BUYER, usdt("-1"), usdt("0"), OPENED_AT, EXPIRES_AT), RejectionCode.INVALID_AMOUNT);
            assertRejected(() -> new OpenTrade(T1, SELLER, BUYER, usdt("100"), usdt("-1"), OPENED_AT, EXPIRES_AT), RejectionCode.INVALID_AMOUNT);
        }

        @Test
        @DisplayName("refuses a fee equal to or above the amount: FEE_NOT_BELOW_AMOUNT")
        void feeNotBelowAmount() {
            assertRejected(() -> new OpenTrade(T1, SELLER, BUYER, usdt("100"), usdt("100"), OPENED_AT, EXPIRES_AT),
                    RejectionCode.FEE_NOT_BELOW_AMOUNT);
            assertRejected(() -> new OpenTrade(T1, SELLER, BUYER, usdt("100"), usdt("100.000001"), OPENED_AT, EXPIRES_AT),
                    RejectionCode.FEE_NOT_BELOW_AMOUNT);
        }

        @Test
        @DisplayName("refuses an escrow shorter than 1 second or longer than 30 days: VALIDATION_FAILED")
        void escrowBounds() {
            assertRejected(() -> openFor(Duration.ZERO), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> openFor(Duration.ofMillis(999)), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> openFor(Duration.ofMinutes(-15)), RejectionCode.VALIDATION_FAILED);
            assertRejected(() -> openFor(Duration.ofDays(30).plusNanos(1)), RejectionCode.VALIDATION_FAILED);
        }

        @Test
        @DisplayName("accepts an escrow of exactly 1 second and of exactly 30 days")
        void escrowBoundsInclusive() {
            assertThat(openFor(TradeCommands.MIN_EXPIRY).expiresAt()).isEqualTo(OPENED_AT.plusSeconds(1));
            fixture.givenNoPriorActivity()
                    .when(openFor(TradeCommands.MAX_EXPIRY))
                    .expectEvents(new TradeRequested(T1, SELLER, BUYER, usdt("100"), usdt("1"), OPENED_AT, OPENED_AT.plus(Duration.ofDays(30))));
        }

        @Test
        @DisplayName("accepts a zero fee")
        void zeroFee() {
            fixture.givenNoPriorActivity()
                    .when(new OpenTrade(T1, SELLER, BUYER, usdt("100"), usdt("0"), OPENED_AT, EXPIRES_AT))
                    .expectEvents(new TradeRequested(T1, SELLER, BUYER, usdt("100"), usdt("0"), OPENED_AT, EXPIRES_AT));
        }
    }

    @Nested
    @DisplayName("ConfirmTradeFunds")
    class ConfirmFunds {

        @Test
        @DisplayName("opens a requested trade until its expiry")
        void opens() {
            fixture.given(requested())
                    .when(new ConfirmTradeFunds(T1))
                    .expectEvents(opened())
                    .expectResultMessagePayload(state(TradeStatus.OPEN));
        }

        @Test
        @DisplayName("again on an open trade records nothing")
        void idempotent() {
            fixture.given(requested(), opened())
                    .when(new ConfirmTradeFunds(T1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.OPEN));
        }

        @Test
        @DisplayName("after a refusal records nothing: the trade stays refused")
        void afterRefusal() {
            fixture.given(requested(), refused())
                    .when(new ConfirmTradeFunds(T1))
                    .expectNoEvents()
                    .expectResultMessagePayload(refusedState());
        }

        @Test
        @DisplayName("after a cancellation records nothing: a settled trade never reopens")
        void afterCancellation() {
            fixture.given(requested(), opened(), cancelled())
                    .when(new ConfirmTradeFunds(T1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.CANCELLED, BEFORE_EXPIRY));
        }

        @Test
        @DisplayName("on an unknown trade fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new ConfirmTradeFunds(T1)));
        }
    }

    @Nested
    @DisplayName("RefuseTrade")
    class Refuse {

        @Test
        @DisplayName("ends a requested trade as refused, with the wallet's code and detail")
        void refuses() {
            fixture.given(requested())
                    .when(new RefuseTrade(T1, RejectionCode.INSUFFICIENT_FUNDS, "not enough USDT"))
                    .expectEvents(refused())
                    .expectResultMessagePayload(refusedState());
        }

        @Test
        @DisplayName("again records nothing and keeps the first refusal")
        void idempotent() {
            fixture.given(requested(), refused())
                    .when(new RefuseTrade(T1, RejectionCode.TOO_MANY_OPEN_HOLDS, "other"))
                    .expectNoEvents()
                    .expectResultMessagePayload(refusedState());
        }

        @Test
        @DisplayName("after the escrow was locked records nothing: the trade stays open")
        void afterOpened() {
            fixture.given(requested(), opened())
                    .when(new RefuseTrade(T1, RejectionCode.INSUFFICIENT_FUNDS, "not enough USDT"))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.OPEN));
        }
    }

    @Nested
    @DisplayName("CompleteTrade")
    class Complete {

        @Test
        @DisplayName("completes an open trade before its expiry; the event carries seller, buyer and fee")
        void completes() {
            fixture.given(requested(), opened())
                    .when(new CompleteTrade(T1, BEFORE_EXPIRY))
                    .expectEvents(completed())
                    .expectResultMessagePayload(state(TradeStatus.COMPLETED, BEFORE_EXPIRY));
        }

        @Test
        @DisplayName("completes up to the last instant before the expiry")
        void lastInstant() {
            Instant justBefore = EXPIRES_AT.minusNanos(1);
            fixture.given(requested(), opened())
                    .when(new CompleteTrade(T1, justBefore))
                    .expectEvents(new TradeCompleted(T1, SELLER, BUYER, usdt("1"), justBefore));
        }

        @Test
        @DisplayName("refuses at exactly the expiry: TRADE_NOT_OPEN")
        void atExpiry() {
            expectRejection(fixture.given(requested(), opened())
                    .when(new CompleteTrade(T1, EXPIRES_AT)),
                    RejectionCode.TRADE_NOT_OPEN);
        }

        @Test
        @DisplayName("refuses after the expiry even if the ledger has not expired it yet: TRADE_NOT_OPEN")
        void afterExpiry() {
            expectRejection(fixture.given(requested(), opened())
                    .when(new CompleteTrade(T1, AFTER_EXPIRY)),
                    RejectionCode.TRADE_NOT_OPEN);
        }

        @Test
        @DisplayName("again records nothing and keeps the first completion, even past the expiry")
        void idempotent() {
            fixture.given(requested(), opened(), completed())
                    .when(new CompleteTrade(T1, AFTER_EXPIRY))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.COMPLETED, BEFORE_EXPIRY));
        }

        @Test
        @DisplayName("refuses after a cancellation: TRADE_NOT_OPEN")
        void afterCancel() {
            expectRejection(fixture.given(requested(), opened(), cancelled())
                    .when(new CompleteTrade(T1, BEFORE_EXPIRY)),
                    RejectionCode.TRADE_NOT_OPEN);
        }

        @Test
        @DisplayName("refuses after the ledger expired it: TRADE_NOT_OPEN")
        void afterExpired() {
            expectRejection(fixture.given(requested(), opened(), expired())
                    .when(new CompleteTrade(T1, BEFORE_EXPIRY)),
                    RejectionCode.TRADE_NOT_OPEN);
        }

        @Test
        @DisplayName("refuses before the escrow is locked: TRADE_NOT_OPEN")
        void notYetOpen() {
            expectRejection(fixture.given(requested())
                    .when(new CompleteTrade(T1, BEFORE_EXPIRY)),
                    RejectionCode.TRADE_NOT_OPEN);
        }

        @Test
        @DisplayName("refuses a refused trade: TRADE_NOT_OPEN")
        void refusedTrade() {
            expectRejection(fixture.given(requested(), refused())
                    .when(new CompleteTrade(T1, BEFORE_EXPIRY)),
                    RejectionCode.TRADE_NOT_OPEN);
        }

        @Test
        @DisplayName("on an unknown trade fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new CompleteTrade(T1, BEFORE_EXPIRY)));
        }
    }

    @Nested
    @DisplayName("CancelTrade")
    class Cancel {

        @Test
        @DisplayName("cancels an open trade: the escrow returns to the seller")
        void cancels() {
            fixture.given(requested(), opened())
                    .when(new CancelTrade(T1, BEFORE_EXPIRY))
                    .expectEvents(cancelled())
                    .expectResultMessagePayload(state(TradeStatus.CANCELLED, BEFORE_EXPIRY));
        }

        @Test
        @DisplayName("past the expiry, before the ledger expires it, still cancels (as a cancellation, not an expiry)")
        void pastExpiryNotYetExpired() {
            fixture.given(requested(), opened())
                    .when(new CancelTrade(T1, AFTER_EXPIRY))
                    .expectEvents(new TradeCancelled(T1, SELLER, false, AFTER_EXPIRY))
                    .expectResultMessagePayload(state(TradeStatus.CANCELLED, AFTER_EXPIRY));
        }

        @Test
        @DisplayName("again records nothing and keeps the first cancellation")
        void idempotent() {
            fixture.given(requested(), opened(), cancelled())
                    .when(new CancelTrade(T1, AFTER_EXPIRY))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.CANCELLED, BEFORE_EXPIRY));
        }

        @Test
        @DisplayName("refuses after a completion: TRADE_NOT_OPEN")
        void afterComplete() {
            expectRejection(fixture.given(requested(), opened(), completed())
                    .when(new CancelTrade(T1, BEFORE_EXPIRY)),
                    RejectionCode.TRADE_NOT_OPEN);
        }

        @Test
        @DisplayName("refuses after the ledger expired it: TRADE_NOT_OPEN")
        void afterExpired() {
            expectRejection(fixture.given(requested(), opened(), expired())
                    .when(new CancelTrade(T1, AFTER_EXPIRY)),
                    RejectionCode.TRADE_NOT_OPEN);
        }

        @Test
        @DisplayName("refuses before the escrow is locked: TRADE_NOT_OPEN")
        void notYetOpen() {
            expectRejection(fixture.given(requested())
                    .when(new CancelTrade(T1, BEFORE_EXPIRY)),
                    RejectionCode.TRADE_NOT_OPEN);
        }

        @Test
        @DisplayName("refuses a refused trade: TRADE_NOT_OPEN")
        void refusedTrade() {
            expectRejection(fixture.given(requested(), refused())
                    .when(new CancelTrade(T1, BEFORE_EXPIRY)),
                    RejectionCode.TRADE_NOT_OPEN);
        }

        @Test
        @DisplayName("on an unknown trade fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new CancelTrade(T1, BEFORE_EXPIRY)));
        }
    }

    @Nested
    @DisplayName("ExpireTrade")
    class Expire {

        @Test
        @DisplayName("expires an open trade at exactly its expiry: the escrow returns to the seller, marked expired")
        void atExpiry() {
            fixture.given(requested(), opened())
                    .when(new ExpireTrade(T1, EXPIRES_AT))
                    .expectEvents(expired())
                    .expectResultMessagePayload(state(TradeStatus.EXPIRED, EXPIRES_AT));
        }

        @Test
        @DisplayName("expires an open trade found later than its expiry")
        void afterExpiry() {
            fixture.given(requested(), opened())
                    .when(new ExpireTrade(T1, AFTER_EXPIRY))
                    .expectEvents(new TradeCancelled(T1, SELLER, true, AFTER_EXPIRY))
                    .expectResultMessagePayload(state(TradeStatus.EXPIRED, AFTER_EXPIRY));
        }

        @Test
        @DisplayName("before the expiry records nothing: the trade stays open")
        void beforeExpiry() {
            fixture.given(requested(), opened())
                    .when(new ExpireTrade(T1, EXPIRES_AT.minusNanos(1)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.OPEN));
        }

        @Test
        @DisplayName("again records nothing and keeps the first expiry")
        void idempotent() {
            fixture.given(requested(), opened(), expired())
                    .when(new ExpireTrade(T1, AFTER_EXPIRY))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.EXPIRED, EXPIRES_AT));
        }

        @Test
        @DisplayName("after a completion is a no-op, not a refusal: the trade stays completed")
        void afterComplete() {
            fixture.given(requested(), opened(), completed())
                    .when(new ExpireTrade(T1, AFTER_EXPIRY))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.COMPLETED, BEFORE_EXPIRY));
        }

        @Test
        @DisplayName("after a cancellation is a no-op: the trade stays cancelled")
        void afterCancel() {
            fixture.given(requested(), opened(), cancelled())
                    .when(new ExpireTrade(T1, AFTER_EXPIRY))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.CANCELLED, BEFORE_EXPIRY));
        }

        @Test
        @DisplayName("on a trade whose escrow was never locked is a no-op (nothing to give back)")
        void notYetOpen() {
            fixture.given(requested())
                    .when(new ExpireTrade(T1, AFTER_EXPIRY))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.REQUESTED));
        }

        @Test
        @DisplayName("on a refused trade is a no-op")
        void refusedTrade() {
            fixture.given(requested(), refused())
                    .when(new ExpireTrade(T1, AFTER_EXPIRY))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(refusedState());
        }

        @Test
        @DisplayName("on an unknown trade fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new ExpireTrade(T1, AFTER_EXPIRY)));
        }
    }

    @Nested
    @DisplayName("ResumeTrade")
    class Resume {

        @Test
        @DisplayName("answers a half-way trade's state and records nothing")
        void requested() {
            fixture.given(TradeTest.requested())
                    .when(new ResumeTrade(T1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.REQUESTED));
        }

        @Test
        @DisplayName("answers a settled trade's state and records nothing")
        void settled() {
            fixture.given(TradeTest.requested(), opened(), expired())
                    .when(new ResumeTrade(T1))
                    .expectNoEvents()
                    .expectResultMessagePayload(state(TradeStatus.EXPIRED, EXPIRES_AT));
        }

        @Test
        @DisplayName("on an unknown trade fails: no aggregate, no event")
        void unknown() {
            expectNotFound(fixture.givenNoPriorActivity().when(new ResumeTrade(T1)));
        }
    }

    @Test
    @DisplayName("only REQUESTED and OPEN are not final")
    void finalStatuses() {
        assertThat(TradeStatus.values()).filteredOn(status -> !status.isFinal())
                .containsExactlyInAnyOrder(TradeStatus.REQUESTED, TradeStatus.OPEN);
    }
}
