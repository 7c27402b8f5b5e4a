package com.exchange.ledger.core.expressbuy;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;

import java.time.Instant;

/** What happens to an express-buy order. */
public final class ExpressBuyEvents {

    private ExpressBuyEvents() {
    }

    public record ExpressBuyPlaced(OrderId orderId, AccountId account, Money fiatAmount, Money amount, Money fee,
                                   String paymentRef, Instant placedAt) {
    }

    public record ExpressBuyCompleted(OrderId orderId) {
    }

    public record ExpressBuyRefused(OrderId orderId, RejectionCode code, String detail) {
    }
}
