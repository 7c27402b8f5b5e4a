package com.exchange.ledger.core.swap;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.swap.SwapCommands.CompleteSwap;
import com.exchange.ledger.core.swap.SwapCommands.ConfirmSwapFunds;
import com.exchange.ledger.core.swap.SwapCommands.RefuseSwap;
import com.exchange.ledger.core.swap.SwapCommands.RequestSwap;
import com.exchange.ledger.core.swap.SwapCommands.ResumeSwap;
import com.exchange.ledger.core.swap.SwapEvents.SwapCompleted;
import com.exchange.ledger.core.swap.SwapEvents.SwapFunded;
import com.exchange.ledger.core.swap.SwapEvents.SwapRefused;
import com.exchange.ledger.core.swap.SwapEvents.SwapRequested;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One swap between two of a user's currencies; it ends completed (both sides moved) or refused (neither did). */
public class Swap {

    @AggregateIdentifier
    private SwapId id;
    private SwapRequested request;
    private SwapStatus status;
    private boolean fundsLocked;
    private RejectionCode refusal;
    private String refusalDetail;

    protected Swap() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public SwapState handle(RequestSwap command) {
        if (request == null) {
            apply(new SwapRequested(command.swapId(), command.fromAccount(), command.toAccount(), command.fromAmount(),
                    command.toAmount(), command.rate(), command.fee(), command.requestedAt()));
        } else if (!request.fromAccount().equals(command.fromAccount()) || !request.toAccount().equals(command.toAccount())
                || !request.fromAmount().equals(command.fromAmount()) || request.rate().compareTo(command.rate()) != 0
                || !request.fee().equals(command.fee())) {
            throw LedgerRejection.of(RejectionCode.OPERATION_CONFLICT, "swap %s was already requested with other details",
                    command.swapId().value());
        }
        return state();
    }

    @CommandHandler
    public SwapState handle(ResumeSwap command) {
        return state();
    }

    @CommandHandler
    public SwapState handle(ConfirmSwapFunds command) {
        if (status == SwapStatus.REQUESTED) {
            apply(new SwapFunded(id));
        }
        return state();
    }

    @CommandHandler
    public SwapState handle(RefuseSwap command) {
        if (status == SwapStatus.REQUESTED || status == SwapStatus.FUNDED) {
            apply(new SwapRefused(id, command.code(), command.detail(), status == SwapStatus.FUNDED));
        }
        return state();
    }

    @CommandHandler
    public SwapState handle(CompleteSwap command) {
        if (status == SwapStatus.FUNDED) {
            apply(new SwapCompleted(id));
        }
        return state();
    }

    @EventSourcingHandler
    void on(SwapRequested event) {
        id = event.swapId();
        request = event;
        status = SwapStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(SwapFunded event) {
        status = SwapStatus.FUNDED;
        fundsLocked = true;
    }

    @EventSourcingHandler
    void on(SwapRefused event) {
        status = SwapStatus.REFUSED;
        refusal = event.code();
        refusalDetail = event.detail();
    }

    @EventSourcingHandler
    void on(SwapCompleted event) {
        status = SwapStatus.COMPLETED;
    }

    SwapState state() {
        return new SwapState(id, request.fromAccount(), request.toAccount(), request.fromAmount(), request.toAmount(),
                request.rate(), request.fee(), status, fundsLocked, request.requestedAt(), refusal, refusalDetail);
    }
}
