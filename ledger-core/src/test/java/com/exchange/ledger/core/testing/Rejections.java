package com.exchange.ledger.core.testing;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.function.ThrowingSupplier;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a refused command is asserted in fixture tests: the {@link LedgerRejection} with its code, and nothing applied. */
public final class Rejections {

    private Rejections() {
    }

    public static Matcher<Object> rejectedWith(RejectionCode code) {
        return new TypeSafeMatcher<>(Object.class) {
            @Override
            protected boolean matchesSafely(Object failure) {
                return failure instanceof LedgerRejection rejection && rejection.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerRejection with code ").appendValue(code);
            }
        };
    }

    /** The command was refused with {@code code} and applied no event. */
    public static void expectRejection(ResultValidator<?> result, RejectionCode code) {
        result.expectNoEvents()
                .expectException(LedgerRejection.class)
                .expectException(rejectedWith(code));
    }

    /** The command named a flow that was never started: Axon finds no aggregate, and nothing is applied. */
    public static void expectNotFound(ResultValidator<?> result) {
        result.expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    /** A command refused as it is built, before it reaches any aggregate. */
    public static void assertRejected(ThrowingSupplier<?> construction, RejectionCode code) {
        assertThatThrownBy(construction::get)
                .isInstanceOf(LedgerRejection.class)
                .extracting(failure -> ((LedgerRejection) failure).code())
                .isEqualTo(code);
    }
}
