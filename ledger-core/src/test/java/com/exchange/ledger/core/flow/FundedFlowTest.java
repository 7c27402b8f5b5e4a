package com.exchange.ledger.core.flow;

import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.testing.InMemoryLedger;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.FundsLocked;
import com.exchange.ledger.core.wallet.HoldReleased;
import com.exchange.ledger.core.wallet.HoldUnlocked;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.ReleaseHold;
import com.exchange.ledger.core.wallet.UnlockHold;
import com.exchange.ledger.core.wallet.WalletCommand;
import com.exchange.ledger.core.wallet.WalletEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static com.exchange.ledger.core.testing.LedgerFixtures.account;
import static com.exchange.ledger.core.testing.LedgerFixtures.hold;
import static com.exchange.ledger.core.testing.LedgerFixtures.op;
import static com.exchange.ledger.core.testing.LedgerFixtures.usdt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared lifecycle on its own, against the real wallet (in memory) and a flow aggregate reduced to its rules:
 * each step at most once, confirm and refuse only while the flow waits for its funds. What each flow adds is tested
 * with its aggregate (TradeTest, WithdrawalTest, …) and over HTTP (ProductFlowsTest).
 */
@DisplayName("FundedFlow: funded or refused, a lost race's lock given back, a decision settled exactly once")
class FundedFlowTest {

    private static final AccountId ALICE = account("alice", "USDT");
    private static final HoldId HOLD = hold("toy:1");

    private InMemoryLedger ledger;
    private ToyFlow toy;

    @BeforeEach
    void startLedger() {
        ledger = InMemoryLedger.create();
        ledger.send(new CreditAccount(ALICE, op("pay-1"), usdt("100"), SystemAccount.NOWPAYMENTS, "deposit"));
        toy = new ToyFlow();
    }

    @AfterEach
    void stopLedger() {
        assertThat(ledger.policyFailures()).as("policy failures").isEmpty();
        ledger.close();
    }

    private FundedFlow<ToyState> flowLocking(String amount, FollowUps followUps) {
        return new FundedFlow<>(toy, ledger.walletCommands(), followUps, lockOnAlice(usdt(amount)));
    }

    private long aliceEvents(Class<? extends WalletEvent> type) {
        return ledger.events(ALICE).stream().filter(type::isInstance).count();
    }

    private void assertAlice(String available, String locked) {
        assertThat(ledger.balances().wallet(ALICE).available()).as("available").isEqualByComparingTo(available);
        assertThat(ledger.balances().wallet(ALICE).locked()).as("locked").isEqualByComparingTo(locked);
    }

    @Test
    @DisplayName("a requested flow gets its funds locked, then confirmed")
    void funds() {
        ToyState state = flowLocking("30", FollowUps.immediate()).start(new Request());

        assertThat(state.status()).isEqualTo(Status.FUNDED);
        assertAlice("70", "30");
        assertThat(toy.received).containsExactly(new Request(), new Confirm());
    }

    @Test
    @DisplayName("funds the wallet refuses end the flow with the wallet's reason, having moved nothing")
    void refusal() {
        ToyState state = flowLocking("300", FollowUps.immediate()).start(new Request());

        assertThat(state).isEqualTo(new ToyState(Status.REFUSED, RejectionCode.INSUFFICIENT_FUNDS));
        assertAlice("100", "0");
        assertThat(aliceEvents(FundsLocked.class)).isZero();
        assertThat(toy.received).hasSize(2).first().isEqualTo(new Request());
        assertThat(toy.received.get(1)).isInstanceOf(Refuse.class);
    }

    @Test
    @DisplayName("a confirmation that lost the race to a concurrent attempt's refusal gives its lock back")
    void lostRace() {
        toy.beforeConfirm = flow -> flow.status = Status.REFUSED;

        ToyState state = flowLocking("30", FollowUps.immediate()).start(new Request());

        assertThat(state.status()).isEqualTo(Status.REFUSED);
        assertAlice("100", "0");
        assertThat(aliceEvents(FundsLocked.class)).isEqualTo(1);
        assertThat(aliceEvents(HoldUnlocked.class)).isEqualTo(1);
    }

    @Test
    @DisplayName("a flow no longer waiting for its funds is not funded again when it is resumed or requested again")
    void resumeOfAFundedFlow() {
        FundedFlow<ToyState> flow = flowLocking("30", FollowUps.immediate());
        flow.start(new Request());

        assertThat(flow.start(new Resume()).status()).isEqualTo(Status.FUNDED);
        assertThat(flow.start(new Request()).status()).isEqualTo(Status.FUNDED);

        assertThat(aliceEvents(FundsLocked.class)).isEqualTo(1);
        assertThat(toy.received).containsExactly(new Request(), new Confirm(), new Resume(), new Request());
        assertAlice("70", "30");
    }

    @Test
    @DisplayName("a decision is settled by the caller, and the handler's settlement of it again moves nothing more")
    void settledExactlyOnce() {
        FundedFlow<ToyState> flow = flowLocking("30", FollowUps.immediate());
        flow.start(new Request());

        ToyState decided = flow.decide(new Decide(), state -> release());
        flow.settle(FundedFlowTest::release);
        flow.decide(new Decide(), state -> release());

        assertThat(decided.status()).isEqualTo(Status.DECIDED);
        assertAlice("70", "0");
        assertThat(aliceEvents(HoldReleased.class)).isEqualTo(1);
        assertThat(ledger.balances().system(SystemAccount.WITHDRAWALS, "USDT")).isEqualByComparingTo("30");
    }

    @Test
    @DisplayName("the handler's settlement is sent with its processor's batch, not when the handler runs")
    void settlementGoesWithTheBatch() {
        List<Runnable> batch = new ArrayList<>();
        FundedFlow<ToyState> flow = flowLocking("30", (followUp, onRefusal) -> batch.add(followUp));
        flow.start(new Request());

        flow.settle(FundedFlowTest::release);
        assertAlice("70", "30");

        assertThat(batch).hasSize(1);
        batch.forEach(Runnable::run);
        assertAlice("70", "0");
    }

    @Test
    @DisplayName("a decision that leaves the flow unsettled (a no-op expiry) moves nothing")
    void unsettledDecision() {
        FundedFlow<ToyState> flow = flowLocking("30", FollowUps.immediate());
        flow.start(new Request());

        ToyState state = flow.decide(new Decide(), decided -> false, decided -> release());

        assertThat(state.status()).isEqualTo(Status.DECIDED);
        assertAlice("70", "30");
        assertThat(aliceEvents(HoldReleased.class)).isZero();
    }

    private static WalletCommand release() {
        return new ReleaseHold(ALICE, HOLD, SystemAccount.WITHDRAWALS, null);
    }

    enum Status { REQUESTED, FUNDED, REFUSED, DECIDED }

    record ToyState(Status status, RejectionCode refusal) {
    }

    record Request() {
    }

    record Resume() {
    }

    record Confirm() {
    }

    record Refuse(RejectionCode code, String detail) {
    }

    record Decide() {
    }

    /** A flow aggregate reduced to the rules every one keeps; {@link #beforeConfirm} lets a concurrent attempt in. */
    static final class ToyFlow implements CommandSender {

        final List<Object> received = new ArrayList<>();
        Consumer<ToyFlow> beforeConfirm = flow -> { };
        Status status;
        RejectionCode refusal;

        @Override
        @SuppressWarnings("unchecked")
        public <R> R send(Object command) {
            received.add(command);
            if (command instanceof Request && status == null) {
                status = Status.REQUESTED;
            } else if (command instanceof Confirm) {
                beforeConfirm.accept(this);
                if (status == Status.REQUESTED) {
                    status = Status.FUNDED;
                }
            } else if (command instanceof Refuse refuse && status == Status.REQUESTED) {
                status = Status.REFUSED;
                refusal = refuse.code();
            } else if (command instanceof Decide && (status == Status.FUNDED || status == Status.DECIDED)) {
                status = Status.DECIDED;
            }
            return (R) new ToyState(status, refusal);
        }
    }

    /** The toy's funds: {@code amount} of Alice's in the hold toy:1. */
    private static Funding<ToyState> lockOnAlice(Money amount) {
        return new Funding<>(
                state -> state.status() == Status.REQUESTED,
                state -> new LockFunds(ALICE, HOLD, amount, "toy 1"),
                state -> new Confirm(),
                (state, refusal) -> new Refuse(refusal.code(), refusal.getMessage()),
                confirmed -> confirmed.status() == Status.REFUSED ? Optional.of(new UnlockHold(ALICE, HOLD)) : Optional.empty());
    }
}
