package com.exchange.ledger.core.trade;

import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.process.ProductFlows;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.trade.TradeCommands.CancelTrade;
import com.exchange.ledger.core.trade.TradeCommands.CompleteTrade;
import com.exchange.ledger.core.trade.TradeCommands.ConfirmTradeFunds;
import com.exchange.ledger.core.trade.TradeCommands.ExpireTrade;
import com.exchange.ledger.core.trade.TradeCommands.OpenTrade;
import com.exchange.ledger.core.trade.TradeCommands.RefuseTrade;
import com.exchange.ledger.core.trade.TradeCommands.ResumeTrade;
import com.exchange.ledger.core.trade.TradeEvents.TradeCancelled;
import com.exchange.ledger.core.trade.TradeEvents.TradeCompleted;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.ReleaseHoldToAccount;
import com.exchange.ledger.core.wallet.UnlockHold;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Runs P2P trades: open → lock the seller's amount → open → complete (the escrow goes to the buyer less the fee,
 * through the transfer policy) or cancel / expire (the escrow returns to the seller).
 * <p>
 * Like withdrawals: the opening steps run in the caller's thread and {@link #resume} finishes one a crash
 * interrupted; a settlement is recorded on the {@link Trade} first, then carried out by the caller and again by the
 * event handlers here, idempotently, through {@link FollowUps} (a batch's together, ADR 0018).
 */
@ProcessingGroup(ProductFlows.PROCESSING_GROUP)
public class TradeProcess {

    private final CommandSender flows;
    private final WalletCommandGateway wallets;
    private final FollowUps followUps;

    public TradeProcess(CommandSender flows, WalletCommandGateway wallets, FollowUps followUps) {
        this.flows = flows;
        this.wallets = wallets;
        this.followUps = followUps;
    }

    public TradeState open(OpenTrade command) {
        return lockEscrow(flows.send(command));
    }

    public TradeState resume(TradeId id) {
        return lockEscrow(flows.send(new ResumeTrade(id)));
    }

    public TradeState complete(CompleteTrade command) {
        TradeState state = flows.send(command);
        pay(state.seller(), state.tradeId(), state.buyer(), state.fee());
        return state;
    }

    public TradeState cancel(CancelTrade command) {
        TradeState state = flows.send(command);
        unlock(state.seller(), state.tradeId());
        return state;
    }

    /** Cancels the trade if it is still open at {@code command.at()}, past its expiry. */
    public TradeState expire(ExpireTrade command) {
        TradeState state = flows.send(command);
        if (state.status() == TradeStatus.EXPIRED) {
            unlock(state.seller(), state.tradeId());
        }
        return state;
    }

    private TradeState lockEscrow(TradeState state) {
        if (state.status() != TradeStatus.REQUESTED) {
            return state;
        }
        try {
            wallets.send(new LockFunds(state.seller(), state.tradeId().holdId(), state.amount(), "p2p trade " + state.tradeId().value()));
        } catch (LedgerRejection refused) {
            return flows.send(new RefuseTrade(state.tradeId(), refused.code(), refused.getMessage()));
        }
        TradeState after = flows.send(new ConfirmTradeFunds(state.tradeId()));
        if (after.status() == TradeStatus.REFUSED) {
            unlock(after.seller(), after.tradeId());
        }
        return after;
    }

    @EventHandler
    void on(TradeCompleted completed) {
        followUps.send(() -> pay(completed.seller(), completed.tradeId(), completed.buyer(), completed.fee()));
    }

    @EventHandler
    void on(TradeCancelled cancelled) {
        followUps.send(() -> unlock(cancelled.seller(), cancelled.tradeId()));
    }

    private void pay(AccountId seller, TradeId id, AccountId buyer, Money fee) {
        wallets.send(new ReleaseHoldToAccount(seller, id.holdId(), buyer, fee));
    }

    private void unlock(AccountId seller, TradeId id) {
        wallets.send(new UnlockHold(seller, id.holdId()));
    }
}
