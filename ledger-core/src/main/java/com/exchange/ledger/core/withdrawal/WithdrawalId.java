package com.exchange.ledger.core.withdrawal;

import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.Identifiers;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The caller's id of a withdrawal. */
public record WithdrawalId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public WithdrawalId {
        Identifiers.require("withdrawal id", value, Identifiers.MAX_FLOW_ID_LENGTH);
    }

    public static WithdrawalId of(String value) {
        return new WithdrawalId(value);
    }

    /** The hold that keeps amount + fee locked while the withdrawal waits for an admin. */
    public HoldId holdId() {
        return HoldId.of("withdrawal:" + value);
    }

    /** The aggregate identifier: flows and accounts share one event store, so each kind has its own prefix. */
    @Override
    public String toString() {
        return "withdrawal:" + value;
    }
}
