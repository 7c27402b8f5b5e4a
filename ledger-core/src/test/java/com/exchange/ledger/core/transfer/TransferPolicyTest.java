package com.exchange.ledger.core.transfer;

import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.process.IdClaim;
import com.exchange.ledger.core.process.IdClaimTakenException;
import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.wallet.HoldReleasedToAccount;
import com.exchange.ledger.core.wallet.ReceiveTransfer;
import com.exchange.ledger.core.wallet.ReturnTransfer;
import com.exchange.ledger.core.wallet.TransferOrigin;
import com.exchange.ledger.core.wallet.TransferSent;
import com.exchange.ledger.core.wallet.WalletCommand;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static com.exchange.ledger.core.testing.LedgerFixtures.account;
import static com.exchange.ledger.core.testing.LedgerFixtures.balances;
import static com.exchange.ledger.core.testing.LedgerFixtures.hold;
import static com.exchange.ledger.core.testing.LedgerFixtures.transfer;
import static com.exchange.ledger.core.testing.LedgerFixtures.usdt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transfer policy, given an event, when it handles it, then the commands it sends: the second leg, or the
 * return when the recipient refuses, and in a batch only through {@link FollowUps}, refusals last.
 */
@DisplayName("TransferPolicy")
class TransferPolicyTest {

    static final AccountId ALICE = account("alice", "USDT");
    static final AccountId BOB = account("bob", "USDT");
    static final AccountId CAROL = account("carol", "USDT");
    static final AccountBalances ANY = balances("0", "0", "0");

    /**
     * The wallet as the policy sees it: records every command, refuses those to {@code refusing} accounts, and keeps
     * the id claims a command's event takes as the store does (another owner's claim refuses the append).
     */
    static final class Wallets implements CommandSender {
        final List<Object> sent = new ArrayList<>();
        final Set<AccountId> refusing = new HashSet<>();
        final Map<String, String> claims = new HashMap<>();
        RuntimeException failure;

        @Override
        public <R> R send(Object command) {
            return send(command, Map.of());
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R send(Object command, Map<String, String> metaData) {
            sent.add(command);
            String claim = metaData.get(IdClaim.KEY);
            if (claim != null && !claims.getOrDefault(claim, metaData.get(IdClaim.OWNER)).equals(metaData.get(IdClaim.OWNER))) {
                throw new IdClaimTakenException(claim);
            }
            if (failure != null) {
                throw failure;
            }
            if (refusing.contains(((WalletCommand) command).account())) {
                throw LedgerRejection.of(RejectionCode.BALANCE_LIMIT_EXCEEDED, "an account balance must stay below the limit");
            }
            if (claim != null) {
                claims.put(claim, metaData.get(IdClaim.OWNER));
            }
            return (R) ANY;
        }
    }

    /** A processor's batch as the service runs it: follow-ups kept until the batch ends, then every leg, then the refusals. */
    static final class Batch implements FollowUps {
        record Pending(Runnable followUp, Consumer<LedgerRejection> onRefusal) {
        }

        final List<Pending> pending = new ArrayList<>();

        @Override
        public void send(Runnable followUp, Consumer<LedgerRejection> onRefusal) {
            pending.add(new Pending(followUp, onRefusal));
        }

        void end() {
            List<Runnable> refusals = new ArrayList<>();
            for (Pending p : pending) {
                try {
                    p.followUp().run();
                } catch (LedgerRejection refused) {
                    refusals.add(() -> p.onRefusal().accept(refused));
                }
            }
            refusals.forEach(Runnable::run);
            pending.clear();
        }
    }

    final Wallets wallets = new Wallets();
    final WalletCommandGateway gateway = new WalletCommandGateway(wallets, (account, key) -> Optional.empty());

    static TransferSent sent(String id, AccountId from, AccountId to, String amount, String fee) {
        return new TransferSent(from, transfer(id), to, usdt(amount), usdt(fee), ANY);
    }

    @Nested
    @DisplayName("one event at a time")
    class Immediate {

        final TransferPolicy policy = new TransferPolicy(gateway, FollowUps.immediate());

        @Test
        @DisplayName("given a transfer sent, the recipient receives the amount less the fee, keyed by the transfer id")
        void delivers() {
            policy.on(sent("t-1", ALICE, BOB, "10", "0.5"));

            assertThat(wallets.sent).containsExactly(new ReceiveTransfer(BOB, TransferOrigin.TRANSFER, transfer("t-1"), ALICE, usdt("9.5")));
        }

        @Test
        @DisplayName("given a hold released to an account, the recipient receives it, keyed by the hold id")
        void deliversHoldRelease() {
            policy.on(new HoldReleasedToAccount(ALICE, hold("trade-7"), usdt("40"), usdt("1"), BOB, ANY));

            assertThat(wallets.sent).containsExactly(
                    new ReceiveTransfer(BOB, TransferOrigin.HOLD_RELEASE, transfer("trade-7"), ALICE, usdt("39")));
        }

        @Test
        @DisplayName("given the recipient refuses, the sender gets the amount and the fee back, with the refusal's code")
        void returnsWhenRefused() {
            wallets.refusing.add(BOB);

            policy.on(sent("t-2", ALICE, BOB, "10", "0.5"));

            assertThat(wallets.sent).containsExactly(
                    new ReceiveTransfer(BOB, TransferOrigin.TRANSFER, transfer("t-2"), ALICE, usdt("9.5")),
                    new ReturnTransfer(ALICE, TransferOrigin.TRANSFER, transfer("t-2"), usdt("9.5"), usdt("0.5"),
                            RejectionCode.BALANCE_LIMIT_EXCEEDED.name()));
        }

        @Test
        @DisplayName("given a transfer returned, when its event is handled again (a batch retried after the return was "
                + "recorded) and the recipient would now accept it, nothing reaches the recipient: the return settled it")
        void returnedIsNeverDeliveredToo() {
            wallets.refusing.add(BOB);
            policy.on(sent("t-3", ALICE, BOB, "10", "0.5"));
            wallets.refusing.clear();
            wallets.sent.clear();

            policy.on(sent("t-3", ALICE, BOB, "10", "0.5"));

            assertThat(wallets.sent).containsExactly(new ReceiveTransfer(BOB, TransferOrigin.TRANSFER, transfer("t-3"), ALICE, usdt("9.5")));
            assertThat(wallets.claims).containsOnlyKeys("settlement:TRANSFER:alice/USDT:t-3")
                    .containsValue(ALICE.key());
        }

        @Test
        @DisplayName("given a transfer delivered, when its event is handled again the receipt is a repeat of the same owner's "
                + "claim, and a return could not follow it")
        void deliveredClaimsTheSettlement() {
            policy.on(sent("t-4", ALICE, BOB, "10", "0.5"));
            policy.on(sent("t-4", ALICE, BOB, "10", "0.5"));

            assertThat(wallets.claims).containsEntry("settlement:TRANSFER:alice/USDT:t-4", BOB.key());
            assertThat(wallets.sent).hasSize(2).allMatch(ReceiveTransfer.class::isInstance);
        }

        @Test
        @DisplayName("given the store fails, the failure reaches the processor and nothing is returned")
        void failureIsNotARefusal() {
            wallets.failure = new IllegalStateException("store unreachable");

            assertThatThrownBy(() -> policy.on(sent("t-3", ALICE, BOB, "10", "0"))).hasMessage("store unreachable");
            assertThat(wallets.sent).hasSize(1).allMatch(ReceiveTransfer.class::isInstance);
        }
    }

    @Nested
    @DisplayName("in a batch")
    class Batched {

        final Batch batch = new Batch();
        final TransferPolicy policy = new TransferPolicy(gateway, batch);

        @Test
        @DisplayName("handling the events sends nothing; the batch's end sends every leg, and returns the refused one after all legs")
        void legsAtTheEndRefusalsLast() {
            wallets.refusing.add(CAROL);

            policy.on(sent("b-1", ALICE, BOB, "1", "0"));
            policy.on(sent("b-2", ALICE, CAROL, "2", "0.1"));
            policy.on(sent("b-3", CAROL, BOB, "3", "0"));
            assertThat(wallets.sent).isEmpty();

            batch.end();

            assertThat(wallets.sent).containsExactly(
                    new ReceiveTransfer(BOB, TransferOrigin.TRANSFER, transfer("b-1"), ALICE, usdt("1")),
                    new ReceiveTransfer(CAROL, TransferOrigin.TRANSFER, transfer("b-2"), ALICE, usdt("1.9")),
                    new ReceiveTransfer(BOB, TransferOrigin.TRANSFER, transfer("b-3"), CAROL, usdt("3")),
                    new ReturnTransfer(ALICE, TransferOrigin.TRANSFER, transfer("b-2"), usdt("1.9"), usdt("0.1"),
                            RejectionCode.BALANCE_LIMIT_EXCEEDED.name()));
        }
    }
}
