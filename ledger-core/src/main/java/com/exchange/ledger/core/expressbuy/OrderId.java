package com.exchange.ledger.core.expressbuy;

import com.exchange.ledger.core.shared.Identifiers;
import com.exchange.ledger.core.shared.OperationId;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The caller's id of an express-buy order. */
public record OrderId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public OrderId {
        Identifiers.require("order id", value, Identifiers.MAX_FLOW_ID_LENGTH);
    }

    public static OrderId of(String value) {
        return new OrderId(value);
    }

    /** The credit of the bought crypto. */
    public OperationId creditId() {
        return OperationId.of("express-buy:" + value);
    }

    @Override
    public String toString() {
        return "express-buy:" + value;
    }
}
