package com.exchange.ledger.core.deposit;

import com.exchange.ledger.core.deposit.DepositCommands.FlagDepositForReview;
import com.exchange.ledger.core.deposit.DepositCommands.RecordPaymentNotification;
import com.exchange.ledger.core.deposit.DepositEvents.DepositCreditDue;
import com.exchange.ledger.core.deposit.DepositEvents.DepositReviewRequired;
import com.exchange.ledger.core.deposit.DepositEvents.PaymentNotificationRecorded;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One gateway payment. The rule: the total credited for a payment is the most the gateway has said arrived with a
 * crediting status, so repeats, reorderings and a partial payment followed by its completion never credit twice. A
 * callback saying less arrived than was already credited, or naming another user or currency, is recorded and sent
 * to review; the ledger never debits a user on a callback.
 */
public class Deposit {

    /** The statuses that mean money arrived: all of it, or the part in {@code actually_paid}. */
    public static final Set<String> CREDITING_STATUSES = Set.of("finished", "partially_paid");

    @AggregateIdentifier
    private PaymentId id;
    private AccountId account;
    private String status;
    private Money lastReceived;
    private Money creditedTotal;
    private int credits;
    private String reviewReason;

    protected Deposit() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public DepositState handle(RecordPaymentNotification command) {
        if (id != null && command.status().equals(status) && Objects.equals(command.received(), lastReceived)
                && command.account().equals(account)) {
            return state();
        }
        if (account != null && !account.equals(command.account())) {
            // the callback's content goes into the review record (nothing of it is lost); the same callback again adds nothing
            String reason = "a " + command.status() + " callback at " + command.notifiedAt() + " reports " + command.received()
                    + " (gateway: " + command.reported() + ") for " + command.account() + " but the payment was credited to " + account;
            if (!reason.equals(reviewReason)) {
                apply(new DepositReviewRequired(command.paymentId(), reason));
            }
            return state();
        }
        Money creditedSoFar = id == null ? new Money(command.account().currency(), BigDecimal.ZERO) : creditedTotal;
        DepositCreditDue due = null;
        String review = null;
        if (CREDITING_STATUSES.contains(command.status()) && command.received() != null) {
            int comparison = command.received().compareTo(creditedSoFar);
            if (comparison > 0) {
                due = new DepositCreditDue(command.paymentId(), command.account(), credits + 1,
                        command.received().minus(creditedSoFar), command.received());
            } else if (comparison < 0) {
                review = "a " + command.status() + " callback reports " + command.received() + " arrived, " + creditedSoFar
                        + " was already credited";
            }
        }
        apply(new PaymentNotificationRecorded(command.paymentId(), command.account(), command.status(), command.received(),
                command.reported(), command.notifiedAt(), due, review));
        return state(due);
    }

    @CommandHandler
    public DepositState handle(FlagDepositForReview command) {
        apply(new DepositReviewRequired(id, command.reason()));
        return state();
    }

    @EventSourcingHandler
    void on(PaymentNotificationRecorded event) {
        if (id == null) {
            id = event.paymentId();
            account = event.account();
            creditedTotal = new Money(account.currency(), BigDecimal.ZERO);
        }
        status = event.status();
        lastReceived = event.received();
        if (event.creditDue() != null) {
            on(event.creditDue());
        }
        if (event.reviewReason() != null) {
            reviewReason = event.reviewReason();
        }
    }

    @EventSourcingHandler
    void on(DepositCreditDue event) {
        credits = event.creditNumber();
        creditedTotal = event.creditedTotal();
    }

    @EventSourcingHandler
    void on(DepositReviewRequired event) {
        reviewReason = event.reason();
    }

    DepositState state() {
        return state(null);
    }

    private DepositState state(DepositCreditDue dueNow) {
        return new DepositState(id, account, status, creditedTotal, credits, reviewReason != null, reviewReason, dueNow);
    }
}
