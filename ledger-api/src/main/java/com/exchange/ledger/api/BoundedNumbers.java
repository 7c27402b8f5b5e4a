package com.exchange.ledger.api;

import com.exchange.ledger.core.shared.Decimals;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;

import java.math.BigDecimal;

/**
 * The bound on every JSON number the API reads, applied as it is parsed: at most {@link #MAX_NUMBER_LENGTH} characters
 * (Jackson's own limit on the token) and an exponent within {@link Decimals#MAX_SCALE} either way (which Jackson does
 * not check: {@code 1e-999999999} is a short token). A number outside is refused as malformed input before any code
 * can expand it, whatever field it is in.
 */
public final class BoundedNumbers extends JsonNodeFactory {

    /** No amount, rate or id is longer; the gateway's JavaScript writes at most 24 characters per number. */
    public static final int MAX_NUMBER_LENGTH = 100;

    public static final BoundedNumbers NODES = new BoundedNumbers();

    private BoundedNumbers() {
        super(); // as Jackson's default factory: decimals with trailing zeros stripped
    }

    public static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNumberLength(MAX_NUMBER_LENGTH).build();
    }

    @Override
    public ValueNode numberNode(BigDecimal value) {
        if (value != null && !Decimals.bounded(value)) {
            throw new OutOfRange();
        }
        return super.numberNode(value);
    }

    /** A number past the bound; its text is not kept, so nothing unbounded reaches a message. */
    public static final class OutOfRange extends IllegalArgumentException {
        OutOfRange() {
            super("a number is out of range: at most " + MAX_NUMBER_LENGTH + " characters and an exponent within ±" + Decimals.MAX_SCALE);
        }
    }
}
