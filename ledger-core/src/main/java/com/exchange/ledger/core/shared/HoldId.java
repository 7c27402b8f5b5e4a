package com.exchange.ledger.core.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The id of a hold (a lock of funds); a hold settles once, by release or by unlock. */
public record HoldId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public HoldId {
        Identifiers.require("hold id", value);
    }

    public static HoldId of(String value) {
        return new HoldId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
