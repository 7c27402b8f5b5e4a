package com.exchange.ledger.core.trade;

import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.Identifiers;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The caller's id of a P2P trade. */
public record TradeId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public TradeId {
        Identifiers.require("trade id", value, Identifiers.MAX_FLOW_ID_LENGTH);
    }

    public static TradeId of(String value) {
        return new TradeId(value);
    }

    /** The escrow: the hold on the seller's account. */
    public HoldId holdId() {
        return HoldId.of("trade:" + value);
    }

    /** The aggregate identifier, prefixed like every flow's. */
    @Override
    public String toString() {
        return "trade:" + value;
    }
}
