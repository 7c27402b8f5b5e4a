package com.exchange.ledger.core.expressbuy;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;

import java.time.Instant;

/** An express-buy order as its events left it. */
public record ExpressBuyState(OrderId orderId, AccountId account, Money fiatAmount, Money amount, Money fee, String paymentRef,
                              ExpressBuyStatus status, Instant placedAt, RejectionCode refusal, String refusalDetail) {
}
