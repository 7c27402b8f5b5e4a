package com.exchange.ledger.core.deposit;

import com.exchange.ledger.core.shared.Identifiers;
import com.exchange.ledger.core.shared.OperationId;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The payment gateway's id of one deposit ({@code payment_id}): the deposit's operation id. */
public record PaymentId(@JsonValue String value) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public PaymentId {
        Identifiers.require("payment_id", value, Identifiers.MAX_FLOW_ID_LENGTH);
    }

    public static PaymentId of(String value) {
        return new PaymentId(value);
    }

    /** The operation id of the deposit's {@code n}-th credit (a partial payment and its completion are two). */
    public OperationId creditId(int n) {
        return OperationId.of("nowpayments:" + value + ":" + n);
    }

    @Override
    public String toString() {
        return "deposit:" + value;
    }
}
