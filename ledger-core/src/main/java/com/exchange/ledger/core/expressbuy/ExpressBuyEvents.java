package com.exchange.ledger.core.expressbuy;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;

import java.time.Instant;

/** What happens to an express-buy order. */
public final class ExpressBuyEvents {

    private ExpressBuyEvents() {
    }

    /** Everything that can happen to an express-buy order: a switch over it is exhaustive; StoredTypes names each one. */
    public sealed interface ExpressBuyEvent permits ExpressBuyPlaced, ExpressBuyCompleted, ExpressBuyRefused {

        OrderId orderId();
    }

    public record ExpressBuyPlaced(OrderId orderId, AccountId account, Money fiatAmount, Money amount, Money fee,
                                   String paymentRef, Instant placedAt) implements ExpressBuyEvent {
    }

    public record ExpressBuyCompleted(OrderId orderId) implements ExpressBuyEvent {
    }

    public record ExpressBuyRefused(OrderId orderId, RejectionCode code, String detail) implements ExpressBuyEvent {
    }
}
