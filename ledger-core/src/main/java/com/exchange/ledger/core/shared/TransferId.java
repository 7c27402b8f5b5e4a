package com.exchange.ledger.core.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The id of a movement between two wallets; unique per sending account. */
public record TransferId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TransferId {
        Identifiers.require("transfer id", value);
    }

    public static TransferId of(String value) {
        return new TransferId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
