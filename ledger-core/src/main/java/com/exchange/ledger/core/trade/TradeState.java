package com.exchange.ledger.core.trade;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;

import java.time.Instant;

/** A trade as its events left it: what every trade command answers. */
public record TradeState(TradeId tradeId, AccountId seller, AccountId buyer, Money amount, Money fee, TradeStatus status,
                         Instant openedAt, Instant expiresAt, Instant settledAt, RejectionCode refusal, String refusalDetail) {
}
