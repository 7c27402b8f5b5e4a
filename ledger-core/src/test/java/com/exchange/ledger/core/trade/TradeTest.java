package com.exchange.ledger.core.trade;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.trade.TradeCommands.CancelTrade;
import com.exchange.ledger.core.trade.TradeCommands.CompleteTrade;
import com.exchange.ledger.core.trade.TradeCommands.ConfirmTradeFunds;
import com.exchange.ledger.core.trade.TradeCommands.ExpireTrade;
import com.exchange.ledger.core.trade.TradeCommands.OpenTrade;
import com.exchange.ledger.core.trade.TradeCommands.RefuseTrade;
import com.exchange.ledger.core.trade.TradeEvents.TradeCancelled;
import com.exchange.ledger.core.trade.TradeEvents.TradeCompleted;
import com.exchange.ledger.core.trade.TradeEvents.TradeOpened;
import com.exchange.ledger.core.trade.TradeEvents.TradeRefused;
import com.exchange.ledger.core.trade.TradeEvents.TradeRequested;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static com.exchange.ledger.core.testing.LedgerFixtures.account;
import static com.exchange.ledger.core.testing.LedgerFixtures.btc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

@DisplayName("Trade: escrow opened once; completed, cancelled or expired — the first wins, once")
class TradeTest {

    private static final TradeId ID = TradeId.of("t-1");
    private static final AccountId SELLER = account("sol", "BTC");
    private static final AccountId BUYER = account("bo", "BTC");
    private static final Instant OPENED = Instant.parse("2026-11-25T08:00:00Z");
    private static final Instant EXPIRES = OPENED.plusSeconds(600);
    private static final TradeRequested REQUESTED = new TradeRequested(ID, SELLER, BUYER, btc("0.1"), btc("0.001"), OPENED, EXPIRES);
    private static final TradeOpened OPEN = new TradeOpened(ID, EXPIRES);
    private static final Instant DURING = OPENED.plusSeconds(60);

    private FixtureConfiguration<Trade> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Trade.class);
    }

    @Test
    @DisplayName("opening records the request; the same again records nothing; other details under the id are a conflict")
    void open() {
        fixture.givenNoPriorActivity().when(new OpenTrade(ID, SELLER, BUYER, btc("0.1"), btc("0.001"), OPENED, EXPIRES)).expectEvents(REQUESTED);
        fixture.given(REQUESTED).when(new OpenTrade(ID, SELLER, BUYER, btc("0.1"), btc("0.001"), OPENED, EXPIRES)).expectNoEvents()
                .expectSuccessfulHandlerExecution();
        fixture.given(REQUESTED).when(new OpenTrade(ID, SELLER, BUYER, btc("0.2"), btc("0.001"), OPENED, EXPIRES)).expectNoEvents()
                .expectException(LedgerRejection.class).expectExceptionMessage(containsString("other details"));
    }

    @Test
    @DisplayName("the escrow is confirmed or refused once")
    void fundsOnce() {
        fixture.given(REQUESTED).when(new ConfirmTradeFunds(ID)).expectEvents(OPEN);
        fixture.given(REQUESTED, OPEN).when(new RefuseTrade(ID, RejectionCode.INSUFFICIENT_FUNDS, "late")).expectNoEvents();
        TradeRefused refused = new TradeRefused(ID, RejectionCode.INSUFFICIENT_FUNDS, "0 available");
        fixture.given(REQUESTED).when(new RefuseTrade(ID, RejectionCode.INSUFFICIENT_FUNDS, "0 available")).expectEvents(refused);
        fixture.given(REQUESTED, refused).when(new CompleteTrade(ID, DURING)).expectNoEvents()
                .expectExceptionMessage(containsString("refused, not open"));
    }

    @Test
    @DisplayName("completion pays the buyer once; a repeat answers the same; a cancel afterwards is refused")
    void completeOnce() {
        TradeCompleted completed = new TradeCompleted(ID, SELLER, BUYER, btc("0.001"), DURING);
        fixture.given(REQUESTED, OPEN).when(new CompleteTrade(ID, DURING)).expectEvents(completed);
        fixture.given(REQUESTED, OPEN, completed).when(new CompleteTrade(ID, DURING)).expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(REQUESTED, OPEN, completed).when(new CancelTrade(ID, DURING)).expectNoEvents()
                .expectExceptionMessage(containsString("completed, not open"));
        fixture.given(REQUESTED, OPEN, completed).when(new ExpireTrade(ID, EXPIRES)).expectNoEvents().expectSuccessfulHandlerExecution();
    }

    @Test
    @DisplayName("cancellation returns the escrow once; completing afterwards is refused")
    void cancelOnce() {
        TradeCancelled cancelled = new TradeCancelled(ID, SELLER, false, DURING);
        fixture.given(REQUESTED, OPEN).when(new CancelTrade(ID, DURING)).expectEvents(cancelled);
        fixture.given(REQUESTED, OPEN, cancelled).when(new CancelTrade(ID, DURING)).expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(REQUESTED, OPEN, cancelled).when(new CompleteTrade(ID, DURING)).expectNoEvents()
                .expectExceptionMessage(containsString("cancelled, not open"));
    }

    @Test
    @DisplayName("expiry cancels an open trade at or after its time, never before; completion at the expiry is refused")
    void expiry() {
        fixture.given(REQUESTED, OPEN).when(new ExpireTrade(ID, DURING)).expectNoEvents();
        fixture.given(REQUESTED, OPEN).when(new ExpireTrade(ID, EXPIRES)).expectEvents(new TradeCancelled(ID, SELLER, true, EXPIRES));
        fixture.given(REQUESTED, OPEN).when(new CompleteTrade(ID, EXPIRES)).expectNoEvents()
                .expectExceptionMessage(containsString("expired at"));
        fixture.given(REQUESTED, OPEN, new TradeCancelled(ID, SELLER, true, EXPIRES)).when(new CancelTrade(ID, EXPIRES)).expectNoEvents()
                .expectExceptionMessage(containsString("expired, not open"));
    }

    @Test
    @DisplayName("a trade with itself, a fee not below the amount, mixed currencies or an expiry out of range is refused as it is built")
    void invalidTrades() {
        assertThatThrownBy(() -> new OpenTrade(ID, SELLER, account("sol", "BTC"), btc("0.1"), btc("0"), OPENED, EXPIRES))
                .satisfies(e -> assertThat(((LedgerRejection) e).code()).isEqualTo(RejectionCode.SAME_ACCOUNT));
        assertThatThrownBy(() -> new OpenTrade(ID, SELLER, BUYER, btc("0.1"), btc("0.1"), OPENED, EXPIRES))
                .satisfies(e -> assertThat(((LedgerRejection) e).code()).isEqualTo(RejectionCode.FEE_NOT_BELOW_AMOUNT));
        assertThatThrownBy(() -> new OpenTrade(ID, SELLER, account("bo", "ETH"), btc("0.1"), btc("0"), OPENED, EXPIRES))
                .satisfies(e -> assertThat(((LedgerRejection) e).code()).isEqualTo(RejectionCode.CURRENCY_MISMATCH));
        assertThatThrownBy(() -> new OpenTrade(ID, SELLER, BUYER, btc("0.1"), btc("0"), OPENED, OPENED))
                .satisfies(e -> assertThat(((LedgerRejection) e).code()).isEqualTo(RejectionCode.VALIDATION_FAILED));
    }
}
