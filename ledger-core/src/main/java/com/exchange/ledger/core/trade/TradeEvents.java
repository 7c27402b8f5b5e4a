package com.exchange.ledger.core.trade;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;

import java.time.Instant;

/** What happens to a P2P trade. Settling events carry what the settlement needs. */
public final class TradeEvents {

    private TradeEvents() {
    }

    /** Everything that can happen to a P2P trade: a switch over it is exhaustive; StoredTypes names each one. */
    public sealed interface TradeEvent permits
            TradeRequested, TradeOpened, TradeRefused, TradeCompleted, TradeCancelled {

        TradeId tradeId();
    }

    public record TradeRequested(TradeId tradeId, AccountId seller, AccountId buyer, Money amount, Money fee, Instant openedAt,
                                 Instant expiresAt) implements TradeEvent {
    }

    public record TradeOpened(TradeId tradeId, Instant expiresAt) implements TradeEvent {
    }

    public record TradeRefused(TradeId tradeId, RejectionCode code, String detail) implements TradeEvent {
    }

    public record TradeCompleted(TradeId tradeId, AccountId seller, AccountId buyer, Money fee, Instant at) implements TradeEvent {
    }

    /** The escrow returns to the seller; {@code expired} says whether the ledger did it at the trade's expiry. */
    public record TradeCancelled(TradeId tradeId, AccountId seller, boolean expired, Instant at) implements TradeEvent {
    }
}
