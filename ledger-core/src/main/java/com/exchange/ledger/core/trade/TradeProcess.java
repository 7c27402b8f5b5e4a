package com.exchange.ledger.core.trade;

import com.exchange.ledger.core.flow.FundedFlow;
import com.exchange.ledger.core.flow.Funding;
import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.process.ProductFlows;
import com.exchange.ledger.core.shared.AccountId;
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

import java.util.Optional;

/**
 * Runs P2P trades on the shared {@link FundedFlow}: open → lock the seller's amount → open → complete (the escrow
 * goes to the buyer less the fee, through the transfer policy) or cancel / expire (the escrow returns to the seller).
 * A settlement is recorded on the {@link Trade} first, then carried out by the caller and again by the event
 * handlers here.
 */
@ProcessingGroup(ProductFlows.PROCESSING_GROUP)
public class TradeProcess {

    /** The escrow: the seller's amount in the hold {@code trade:<id>}. */
    private static final Funding<TradeState> ESCROW = new Funding<>(
            trade -> trade.status() == TradeStatus.REQUESTED,
            trade -> new LockFunds(trade.seller(), trade.tradeId().holdId(), trade.amount(), "p2p trade " + trade.tradeId().value()),
            trade -> new ConfirmTradeFunds(trade.tradeId()),
            (trade, refusal) -> new RefuseTrade(trade.tradeId(), refusal.code(), refusal.getMessage()),
            trade -> trade.status() == TradeStatus.REFUSED ? Optional.of(unlock(trade.seller(), trade.tradeId())) : Optional.empty());

    private final FundedFlow<TradeState> flow;

    public TradeProcess(CommandSender flows, WalletCommandGateway wallets, FollowUps followUps) {
        this.flow = new FundedFlow<>(flows, wallets, followUps, ESCROW);
    }

    public TradeState open(OpenTrade command) {
        return flow.start(command);
    }

    public TradeState resume(TradeId id) {
        return flow.start(new ResumeTrade(id));
    }

    public TradeState complete(CompleteTrade command) {
        return flow.decide(command, trade -> pay(trade.seller(), trade.tradeId(), trade.buyer(), trade.fee()));
    }

    public TradeState cancel(CancelTrade command) {
        return flow.decide(command, trade -> unlock(trade.seller(), trade.tradeId()));
    }

    /** Cancels the trade if it is still open at {@code command.at()}, past its expiry. */
    public TradeState expire(ExpireTrade command) {
        return flow.decide(command, trade -> trade.status() == TradeStatus.EXPIRED, trade -> unlock(trade.seller(), trade.tradeId()));
    }

    @EventHandler
    void on(TradeCompleted completed) {
        flow.settle(() -> pay(completed.seller(), completed.tradeId(), completed.buyer(), completed.fee()));
    }

    @EventHandler
    void on(TradeCancelled cancelled) {
        flow.settle(() -> unlock(cancelled.seller(), cancelled.tradeId()));
    }

    private static ReleaseHoldToAccount pay(AccountId seller, TradeId id, AccountId buyer, Money fee) {
        return new ReleaseHoldToAccount(seller, id.holdId(), buyer, fee);
    }

    private static UnlockHold unlock(AccountId seller, TradeId id) {
        return new UnlockHold(seller, id.holdId());
    }
}
