package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.Money;

/** A hold that is neither released nor unlocked yet. */
public record OpenHold(Money amount, String reason) {
}
