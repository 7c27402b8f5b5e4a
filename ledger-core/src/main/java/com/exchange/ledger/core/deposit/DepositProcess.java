package com.exchange.ledger.core.deposit;

import com.exchange.ledger.core.deposit.DepositCommands.FlagDepositForReview;
import com.exchange.ledger.core.deposit.DepositCommands.RecordPaymentNotification;
import com.exchange.ledger.core.deposit.DepositEvents.DepositCreditDue;
import com.exchange.ledger.core.deposit.DepositEvents.PaymentNotificationRecorded;
import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.process.ProductFlows;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credits deposits: each {@link DepositCreditDue} (inside the callback's {@link PaymentNotificationRecorded}) becomes one wallet credit from external:nowpayments under the
 * operation id {@code nowpayments:<payment_id>:<n>}. The callback's thread makes it so the user sees the money at
 * once; the tracking processor makes it again after a crash, harmlessly.
 */
@ProcessingGroup(ProductFlows.PROCESSING_GROUP)
public class DepositProcess {

    private static final Logger log = LoggerFactory.getLogger(DepositProcess.class);

    private final CommandSender flows;
    private final WalletCommandGateway wallets;
    private final FollowUps followUps;

    public DepositProcess(CommandSender flows, WalletCommandGateway wallets, FollowUps followUps) {
        this.flows = flows;
        this.wallets = wallets;
        this.followUps = followUps;
    }

    public DepositState record(RecordPaymentNotification notification) {
        DepositState state = flows.send(notification);
        if (state.dueNow() != null) {
            credit(state.dueNow());
        }
        return state;
    }

    @EventHandler
    void on(PaymentNotificationRecorded recorded) {
        if (recorded.creditDue() != null) {
            credit(recorded.creditDue(), followUps);
        }
    }

    /** A credit due as an event of its own: stores written before 2026-12. */
    @EventHandler
    void on(DepositCreditDue due) {
        credit(due, followUps);
    }

    /** Makes the wallet credit of one due amount; a refusal sends the deposit to review instead of blocking. */
    public void credit(DepositCreditDue due) {
        credit(due, FollowUps.immediate());
    }

    private void credit(DepositCreditDue due, FollowUps how) {
        how.send(() -> wallets.send(new CreditAccount(due.account(), due.paymentId().creditId(due.creditNumber()), due.amount(),
                        SystemAccount.NOWPAYMENTS, "nowpayments deposit " + due.paymentId().value())),
                refused -> review(due, refused));
    }

    private void review(DepositCreditDue due, LedgerRejection refused) {
        log.error("deposit {} credit {} refused ({}): sent to review", due.paymentId().value(), due.creditNumber(), refused.code());
        flows.send(new FlagDepositForReview(due.paymentId(), "credit " + due.creditNumber() + " refused: " + refused.getMessage()));
    }
}
