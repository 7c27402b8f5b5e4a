package com.exchange.ledger.core.withdrawal;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.ApproveWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.ConfirmWithdrawalFunds;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.RefuseWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.RejectWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalApproved;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalFundsLocked;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRefused;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRejected;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRequested;
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

@DisplayName("Withdrawal: requested once, funded or refused once, approved or rejected once")
class WithdrawalTest {

    private static final WithdrawalId ID = WithdrawalId.of("w-1");
    private static final AccountId ALICE = account("alice", "BTC");
    private static final Instant AT = Instant.parse("2026-11-25T08:00:00Z");
    private static final RequestWithdrawal REQUEST = new RequestWithdrawal(ID, ALICE, btc("0.5"), btc("0.0001"), "bc1qxyz", AT);
    private static final WithdrawalRequested REQUESTED = new WithdrawalRequested(ID, ALICE, btc("0.5"), btc("0.0001"), "bc1qxyz", AT);
    private static final WithdrawalFundsLocked FUNDED = new WithdrawalFundsLocked(ID);

    private FixtureConfiguration<Withdrawal> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Withdrawal.class);
    }

    private static RejectionCode code(Throwable failure) {
        return ((LedgerRejection) failure).code();
    }

    @Test
    @DisplayName("a request is recorded; the same request again records nothing more; another one under the id is a conflict")
    void request() {
        fixture.givenNoPriorActivity().when(REQUEST).expectEvents(REQUESTED);
        fixture.given(REQUESTED).when(REQUEST).expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(REQUESTED).when(new RequestWithdrawal(ID, ALICE, btc("0.5"), btc("0.0001"), "bc1qother", AT))
                .expectNoEvents().expectException(LedgerRejection.class).expectExceptionMessage(containsString("other details"));
    }

    @Test
    @DisplayName("funds confirmed once move it to pending; a refusal after that is ignored")
    void fundsOnce() {
        fixture.given(REQUESTED).when(new ConfirmWithdrawalFunds(ID)).expectEvents(FUNDED);
        fixture.given(REQUESTED, FUNDED).when(new ConfirmWithdrawalFunds(ID)).expectNoEvents();
        fixture.given(REQUESTED, FUNDED).when(new RefuseWithdrawal(ID, RejectionCode.INSUFFICIENT_FUNDS, "late")).expectNoEvents();
    }

    @Test
    @DisplayName("a refused request (nothing locked) cannot be approved")
    void refused() {
        WithdrawalRefused refusal = new WithdrawalRefused(ID, RejectionCode.INSUFFICIENT_FUNDS, "0.1 available");
        fixture.given(REQUESTED).when(new RefuseWithdrawal(ID, RejectionCode.INSUFFICIENT_FUNDS, "0.1 available")).expectEvents(refusal);
        fixture.given(REQUESTED, refusal).when(new ApproveWithdrawal(ID, "ops", AT)).expectNoEvents()
                .expectExceptionMessage(containsString("refused, not pending"));
    }

    @Test
    @DisplayName("approval releases once: approving again answers the same, rejecting afterwards is refused")
    void approveOnce() {
        WithdrawalApproved approved = new WithdrawalApproved(ID, ALICE, btc("0.0001"), "ops", AT);
        fixture.given(REQUESTED, FUNDED).when(new ApproveWithdrawal(ID, "ops", AT)).expectEvents(approved);
        fixture.given(REQUESTED, FUNDED, approved).when(new ApproveWithdrawal(ID, "someone-else", AT)).expectNoEvents()
                .expectSuccessfulHandlerExecution();
        fixture.given(REQUESTED, FUNDED, approved).when(new RejectWithdrawal(ID, "too late", "ops", AT)).expectNoEvents()
                .expectExceptionMessage(containsString("approved, not pending"));
    }

    @Test
    @DisplayName("rejection unlocks once: an approval afterwards is refused with WITHDRAWAL_NOT_PENDING")
    void rejectOnce() {
        WithdrawalRejected rejected = new WithdrawalRejected(ID, ALICE, "suspicious", "ops", AT);
        fixture.given(REQUESTED, FUNDED).when(new RejectWithdrawal(ID, "suspicious", "ops", AT)).expectEvents(rejected);
        fixture.given(REQUESTED, FUNDED, rejected).when(new RejectWithdrawal(ID, "again", "ops", AT)).expectNoEvents()
                .expectSuccessfulHandlerExecution();
        fixture.given(REQUESTED, FUNDED, rejected).when(new ApproveWithdrawal(ID, "ops", AT)).expectNoEvents()
                .expectExceptionMessage(containsString("rejected, not pending"));
    }

    @Test
    @DisplayName("a decision before the funds are locked is refused: there is nothing to release yet")
    void decisionBeforeFunds() {
        fixture.given(REQUESTED).when(new ApproveWithdrawal(ID, "ops", AT)).expectNoEvents()
                .expectExceptionMessage(containsString("requested, not pending"));
    }

    @Test
    @DisplayName("a request with a negative fee, a zero amount, another currency or a bad address is refused as it is built")
    void invalidRequests() {
        assertThatThrownBy(() -> new RequestWithdrawal(ID, ALICE, btc("0.5"), btc("-0.1"), "bc1q", AT))
                .satisfies(e -> assertThat(code(e)).isEqualTo(RejectionCode.INVALID_AMOUNT));
        assertThatThrownBy(() -> new RequestWithdrawal(ID, ALICE, btc("0"), btc("0"), "bc1q", AT))
                .satisfies(e -> assertThat(code(e)).isEqualTo(RejectionCode.INVALID_AMOUNT));
        assertThatThrownBy(() -> new RequestWithdrawal(ID, account("alice", "ETH"), btc("0.5"), btc("0"), "bc1q", AT))
                .satisfies(e -> assertThat(code(e)).isEqualTo(RejectionCode.CURRENCY_MISMATCH));
        assertThatThrownBy(() -> new RequestWithdrawal(ID, ALICE, btc("0.5"), btc("0"), "has space", AT))
                .satisfies(e -> assertThat(code(e)).isEqualTo(RejectionCode.VALIDATION_FAILED));
    }
}
