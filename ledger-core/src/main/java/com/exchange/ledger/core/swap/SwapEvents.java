package com.exchange.ledger.core.swap;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;

import java.math.BigDecimal;
import java.time.Instant;

/** What happens to a swap. */
public final class SwapEvents {

    private SwapEvents() {
    }

    /** Everything that can happen to a swap: a switch over it is exhaustive; StoredTypes names each one. */
    public sealed interface SwapEvent permits SwapRequested, SwapFunded, SwapRefused, SwapCompleted {

        SwapId swapId();
    }

    public record SwapRequested(SwapId swapId, AccountId fromAccount, AccountId toAccount, Money fromAmount, Money toAmount,
                                BigDecimal rate, Money fee, Instant requestedAt) implements SwapEvent {
    }

    public record SwapFunded(SwapId swapId) implements SwapEvent {
    }

    /** {@code fundsLocked}: the sold side had been locked, and the refusal gives it back. */
    public record SwapRefused(SwapId swapId, RejectionCode code, String detail, boolean fundsLocked) implements SwapEvent {
    }

    public record SwapCompleted(SwapId swapId) implements SwapEvent {
    }
}
