package com.exchange.ledger.core.expressbuy;

import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.CompleteExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.PlaceExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.RefuseExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.ResumeExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyEvents.ExpressBuyCompleted;
import com.exchange.ledger.core.expressbuy.ExpressBuyEvents.ExpressBuyPlaced;
import com.exchange.ledger.core.expressbuy.ExpressBuyEvents.ExpressBuyRefused;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One express-buy order. That a payment reference buys once is the API's id directory's rule; see its controller. */
public class ExpressBuy {

    @AggregateIdentifier
    private OrderId id;
    private ExpressBuyPlaced order;
    private ExpressBuyStatus status;
    private RejectionCode refusal;
    private String refusalDetail;

    protected ExpressBuy() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ExpressBuyState handle(PlaceExpressBuy command) {
        if (order == null) {
            apply(new ExpressBuyPlaced(command.orderId(), command.account(), command.fiatAmount(), command.amount(), command.fee(),
                    command.paymentRef(), command.placedAt()));
        } else if (!order.account().equals(command.account()) || !order.fiatAmount().equals(command.fiatAmount())
                || !order.amount().equals(command.amount()) || !order.fee().equals(command.fee())
                || !order.paymentRef().equals(command.paymentRef())) {
            throw LedgerRejection.of(RejectionCode.OPERATION_CONFLICT, "order %s was already placed with other details",
                    command.orderId().value());
        }
        return state();
    }

    @CommandHandler
    public ExpressBuyState handle(ResumeExpressBuy command) {
        return state();
    }

    @CommandHandler
    public ExpressBuyState handle(CompleteExpressBuy command) {
        if (status == ExpressBuyStatus.REQUESTED) {
            apply(new ExpressBuyCompleted(id));
        }
        return state();
    }

    @CommandHandler
    public ExpressBuyState handle(RefuseExpressBuy command) {
        if (status == ExpressBuyStatus.REQUESTED) {
            apply(new ExpressBuyRefused(id, command.code(), command.detail()));
        }
        return state();
    }

    @EventSourcingHandler
    void on(ExpressBuyPlaced event) {
        id = event.orderId();
        order = event;
        status = ExpressBuyStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(ExpressBuyCompleted event) {
        status = ExpressBuyStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(ExpressBuyRefused event) {
        status = ExpressBuyStatus.REFUSED;
        refusal = event.code();
        refusalDetail = event.detail();
    }

    ExpressBuyState state() {
        return new ExpressBuyState(id, order.account(), order.fiatAmount(), order.amount(), order.fee(), order.paymentRef(), status,
                order.placedAt(), refusal, refusalDetail);
    }
}
