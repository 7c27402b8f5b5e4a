package com.exchange.ledger.core.expressbuy;

import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.CompleteExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.PlaceExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.RefuseExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.ResumeExpressBuy;
import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.WalletCommandGateway;

/** Runs an express buy: place the order → credit the crypto from system:treasury (fee to system:fees) → completed. */
public class ExpressBuyProcess {

    private final CommandSender flows;
    private final WalletCommandGateway wallets;

    public ExpressBuyProcess(CommandSender flows, WalletCommandGateway wallets) {
        this.flows = flows;
        this.wallets = wallets;
    }

    public ExpressBuyState place(PlaceExpressBuy command) {
        return credit(flows.send(command));
    }

    public ExpressBuyState resume(OrderId id) {
        return credit(flows.send(new ResumeExpressBuy(id)));
    }

    private ExpressBuyState credit(ExpressBuyState state) {
        if (state.status() != ExpressBuyStatus.REQUESTED) {
            return state;
        }
        try {
            wallets.send(new CreditAccount(state.account(), state.orderId().creditId(), state.amount(), SystemAccount.TREASURY,
                    "express buy " + state.orderId().value(), state.fee()));
        } catch (LedgerRejection refused) {
            return flows.send(new RefuseExpressBuy(state.orderId(), refused.code(), refused.getMessage()));
        }
        return flows.send(new CompleteExpressBuy(state.orderId()));
    }
}
