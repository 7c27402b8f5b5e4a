package com.exchange.ledger.core.swap;

import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.Identifiers;
import com.exchange.ledger.core.shared.OperationId;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The caller's id of a swap. */
public record SwapId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SwapId {
        Identifiers.require("swap id", value, Identifiers.MAX_FLOW_ID_LENGTH);
    }

    public static SwapId of(String value) {
        return new SwapId(value);
    }

    /** Holds the sold amount (and a fee in that currency) until the bought side is credited. */
    public HoldId holdId() {
        return HoldId.of("swap:" + value);
    }

    /** The credit of the bought side. */
    public OperationId creditId() {
        return OperationId.of("swap:" + value);
    }

    @Override
    public String toString() {
        return "swap:" + value;
    }
}
