package com.exchange.ledger.core.transfer;

import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.process.IdClaim;
import com.exchange.ledger.core.process.IdClaimTakenException;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.wallet.HoldReleasedToAccount;
import com.exchange.ledger.core.wallet.ReceiveTransfer;
import com.exchange.ledger.core.wallet.ReturnTransfer;
import com.exchange.ledger.core.wallet.TransferOrigin;
import com.exchange.ledger.core.wallet.TransferSent;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes every movement between two wallets: when money has left the sender (and sits in transit:transfers), the
 * recipient receives it; if the recipient refuses, the sender gets it back with the fee.
 * <p>
 * It runs in a tracking processor, so its position is in the token store: after a crash it sees the same events
 * again and sends the same commands, which the operation keys make harmless. The process state is nothing but
 * the events themselves; money in transit is visible as the balance of transit:transfers.
 * <p>
 * The second legs go through {@link FollowUps}: in a processor's batch they are sent together, concurrently, once the
 * batch has been handled, and a refused one is returned only when every leg of the batch has either arrived or been
 * refused (ADR 0018). Two legs to one recipient commute: each is a credit keyed by its own transfer id. The receipt and
 * the return exclude each other through the store (ADR 0021).
 */
@ProcessingGroup(TransferPolicy.PROCESSING_GROUP)
public class TransferPolicy {

    public static final String PROCESSING_GROUP = "transfer-policy";
    private static final Logger log = LoggerFactory.getLogger(TransferPolicy.class);

    private final WalletCommandGateway commands;
    private final FollowUps followUps;

    public TransferPolicy(WalletCommandGateway commands, FollowUps followUps) {
        this.commands = commands;
        this.followUps = followUps;
    }

    @EventHandler
    void on(TransferSent sent) {
        deliver(new ReceiveTransfer(sent.recipient(), TransferOrigin.TRANSFER, sent.transferId(), sent.account(), sent.delivered()),
                sent.fee());
    }

    @EventHandler
    void on(HoldReleasedToAccount released) {
        deliver(new ReceiveTransfer(released.recipient(), TransferOrigin.HOLD_RELEASE, TransferId.of(released.holdId().value()),
                released.account(), released.delivered()), released.fee());
    }

    private void deliver(ReceiveTransfer receive, Money fee) {
        followUps.send(() -> settle(receive, receive.account(), () -> commands.send(receive, settlement(receive, receive.account()))),
                refused -> giveBack(receive, fee, refused));
    }

    private void giveBack(ReceiveTransfer receive, Money fee, LedgerRejection refused) {
        log.warn("transfer {} {} refused by {} ({}): returning it to {}", receive.origin(), receive.transferId(),
                receive.account(), refused.code(), receive.sender());
        ReturnTransfer giveBack = new ReturnTransfer(receive.sender(), receive.origin(), receive.transferId(), receive.amount(), fee,
                refused.code().name());
        settle(receive, receive.sender(), () -> commands.send(giveBack, settlement(receive, receive.sender())));
    }

    /**
     * A transfer is settled once, by its receipt or by its return, never both: each leg claims the transfer's settlement
     * for its own account (ADR 0021), so a receipt sent again after the return was recorded (a batch retried after a
     * crash between the two, ADR 0018) is refused by the store, whatever the recipient would now accept.
     */
    private static IdClaim settlement(ReceiveTransfer receive, AccountId settledBy) {
        return new IdClaim("settlement:" + receive.origin() + ":" + receive.sender().key() + ":" + receive.transferId().value(),
                settledBy.key());
    }

    private static void settle(ReceiveTransfer receive, AccountId settledBy, Runnable leg) {
        try {
            leg.run();
        } catch (IdClaimTakenException otherLeg) {
            log.info("transfer {} {} from {} was already settled by the other leg; nothing sent to {}", receive.origin(),
                    receive.transferId(), receive.sender(), settledBy);
        }
    }
}
