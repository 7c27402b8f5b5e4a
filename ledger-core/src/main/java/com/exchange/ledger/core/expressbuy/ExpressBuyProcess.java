package com.exchange.ledger.core.expressbuy;

import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.CompleteExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.PlaceExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.RefuseExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.ResumeExpressBuy;
import com.exchange.ledger.core.flow.FundedFlow;
import com.exchange.ledger.core.flow.Funding;
import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.WalletCommand;
import com.exchange.ledger.core.wallet.WalletCommandGateway;

import java.util.Optional;

/**
 * Runs an express buy on the shared {@link FundedFlow}: place the order → credit the crypto from system:treasury
 * (fee to system:fees) → completed. Its funding is the flow's whole effect: no decision follows, so nothing is
 * settled later and it has no event handler.
 */
public class ExpressBuyProcess {

    private final FundedFlow<ExpressBuyState> flow;

    public ExpressBuyProcess(CommandSender flows, WalletCommandGateway wallets) {
        this.flow = new FundedFlow<>(flows, wallets, FollowUps.immediate(), new CreditedFromTreasury());
    }

    public ExpressBuyState place(PlaceExpressBuy command) {
        return flow.start(command);
    }

    public ExpressBuyState resume(OrderId id) {
        return flow.start(new ResumeExpressBuy(id));
    }

    /** The bought crypto, credited once under the operation {@code express-buy:<id>}. */
    private static final class CreditedFromTreasury implements Funding<ExpressBuyState> {

        @Override
        public boolean awaitsFunds(ExpressBuyState order) {
            return order.status() == ExpressBuyStatus.REQUESTED;
        }

        @Override
        public WalletCommand fund(ExpressBuyState order) {
            return new CreditAccount(order.account(), order.orderId().creditId(), order.amount(), SystemAccount.TREASURY,
                    "express buy " + order.orderId().value(), order.fee());
        }

        @Override
        public Object confirm(ExpressBuyState order) {
            return new CompleteExpressBuy(order.orderId());
        }

        @Override
        public Object refuse(ExpressBuyState order, LedgerRejection refusal) {
            return new RefuseExpressBuy(order.orderId(), refusal.code(), refusal.getMessage());
        }

        /** The credit is the order's whole effect, not a lock kept for a later decision: nothing is given back (as before ADR 0019). */
        @Override
        public Optional<WalletCommand> giveBack(ExpressBuyState confirmed) {
            return Optional.empty();
        }
    }
}
