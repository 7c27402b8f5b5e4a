package com.exchange.ledger.core.trade;

import com.exchange.ledger.core.shared.LedgerRejection;
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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Duration;
import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One P2P trade: the seller's amount in escrow (a hold, {@link TradeId#holdId()}) until the trade completes, is
 * cancelled, or expires. Completion, cancellation and expiry racing each other are serialised here: the first one
 * settles the trade, the others are told it is no longer open (expiry, being the ledger's own housekeeping, is
 * simply a no-op then).
 */
public class Trade {

    @AggregateIdentifier
    private TradeId id;
    private TradeRequested request;
    private TradeStatus status;
    private Instant settledAt;
    private RejectionCode refusal;
    private String refusalDetail;

    protected Trade() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TradeState handle(OpenTrade command) {
        if (request == null) {
            apply(new TradeRequested(command.tradeId(), command.seller(), command.buyer(), command.amount(), command.fee(),
                    command.openedAt(), command.expiresAt()));
        } else if (!request.seller().equals(command.seller()) || !request.buyer().equals(command.buyer())
                || !request.amount().equals(command.amount()) || !request.fee().equals(command.fee())
                || !escrow(request.openedAt(), request.expiresAt()).equals(escrow(command.openedAt(), command.expiresAt()))) {
            throw LedgerRejection.of(RejectionCode.OPERATION_CONFLICT, "trade %s was already opened with other details",
                    command.tradeId().value());
        }
        return state();
    }

    @CommandHandler
    public TradeState handle(ResumeTrade command) {
        return state();
    }

    @CommandHandler
    public TradeState handle(ConfirmTradeFunds command) {
        if (status == TradeStatus.REQUESTED) {
            apply(new TradeOpened(id, request.expiresAt()));
        }
        return state();
    }

    @CommandHandler
    public TradeState handle(RefuseTrade command) {
        if (status == TradeStatus.REQUESTED) {
            apply(new TradeRefused(id, command.code(), command.detail()));
        }
        return state();
    }

    @CommandHandler
    public TradeState handle(CompleteTrade command) {
        if (status == TradeStatus.COMPLETED) {
            return state();
        }
        requireOpen();
        if (!command.at().isBefore(request.expiresAt())) {
            throw LedgerRejection.of(RejectionCode.TRADE_NOT_OPEN, "trade %s expired at %s", id.value(), request.expiresAt());
        }
        apply(new TradeCompleted(id, request.seller(), request.buyer(), request.fee(), command.at()));
        return state();
    }

    @CommandHandler
    public TradeState handle(CancelTrade command) {
        if (status == TradeStatus.CANCELLED) {
            return state();
        }
        requireOpen();
        apply(new TradeCancelled(id, request.seller(), false, command.at()));
        return state();
    }

    @CommandHandler
    public TradeState handle(ExpireTrade command) {
        if (status == TradeStatus.OPEN && !command.at().isBefore(request.expiresAt())) {
            apply(new TradeCancelled(id, request.seller(), true, command.at()));
        }
        return state();
    }

    /**
     * How long the caller asked the escrow to last: the request's own field ({@code expires_in_seconds}), the same on
     * a repeat, where the expiry instant moves with the time of the request.
     */
    private static Duration escrow(Instant openedAt, Instant expiresAt) {
        return Duration.between(openedAt, expiresAt);
    }

    private void requireOpen() {
        if (status != TradeStatus.OPEN) {
            throw LedgerRejection.of(RejectionCode.TRADE_NOT_OPEN, "trade %s is %s, not open", id.value(),
                    status.name().toLowerCase());
        }
    }

    @EventSourcingHandler
    void on(TradeRequested event) {
        id = event.tradeId();
        request = event;
        status = TradeStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(TradeOpened event) {
        status = TradeStatus.OPEN;
    }

    @EventSourcingHandler
    void on(TradeRefused event) {
        status = TradeStatus.REFUSED;
        refusal = event.code();
        refusalDetail = event.detail();
    }

    @EventSourcingHandler
    void on(TradeCompleted event) {
        status = TradeStatus.COMPLETED;
        settledAt = event.at();
    }

    @EventSourcingHandler
    void on(TradeCancelled event) {
        status = event.expired() ? TradeStatus.EXPIRED : TradeStatus.CANCELLED;
        settledAt = event.at();
    }

    TradeState state() {
        return new TradeState(id, request.seller(), request.buyer(), request.amount(), request.fee(), status,
                request.openedAt(), request.expiresAt(), settledAt, refusal, refusalDetail);
    }
}
