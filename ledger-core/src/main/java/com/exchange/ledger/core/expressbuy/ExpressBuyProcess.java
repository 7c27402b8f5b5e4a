package com.exchange.ledger.core.expressbuy;

import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.CompleteExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.PlaceExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.RefuseExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.ResumeExpressBuy;
import com.exchange.ledger.core.flow.FundedFlow;
import com.exchange.ledger.core.flow.Funding;
import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.WalletCommandGateway;

import java.util.Optional;

/**
 * Runs an express buy on the shared {@link FundedFlow}: place the order → credit the crypto from system:treasury
 * (fee to system:fees) → completed. Its funding is the flow's whole effect: no decision follows, so nothing is
 * settled later and it has no event handler.
 */
public class ExpressBuyProcess {

    /**
     * The bought crypto, credited once under the operation {@code express-buy:<id>}. The credit is the order's whole
     * effect, not a lock kept for a later decision: nothing is given back (as before ADR 0019).
     */
    private static final Funding<ExpressBuyState> CREDITED_FROM_TREASURY = new Funding<>(
            order -> order.status() == ExpressBuyStatus.REQUESTED,
            order -> new CreditAccount(order.account(), order.orderId().creditId(), order.amount(), SystemAccount.TREASURY,
                    "express buy " + order.orderId().value(), order.fee()),
            order -> new CompleteExpressBuy(order.orderId()),
            (order, refusal) -> new RefuseExpressBuy(order.orderId(), refusal.code(), refusal.getMessage()),
            order -> Optional.empty());

    private final FundedFlow<ExpressBuyState> flow;

    public ExpressBuyProcess(CommandSender flows, WalletCommandGateway wallets) {
        this.flow = new FundedFlow<>(flows, wallets, FollowUps.immediate(), CREDITED_FROM_TREASURY);
    }

    public ExpressBuyState place(PlaceExpressBuy command) {
        return flow.start(command);
    }

    public ExpressBuyState resume(OrderId id) {
        return flow.start(new ResumeExpressBuy(id));
    }
}
