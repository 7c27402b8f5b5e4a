package com.exchange.ledger.core;

import com.exchange.ledger.core.deposit.DepositEvents;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Every event type the aggregates apply has a stored name, and one without is found at start-up, not at replay. */
class StoredTypesTest {

    /** An event a new feature forgot to name. */
    record SomethingHappened(String what) {
    }

    /** An aggregate applying it. */
    static class ForgetfulAggregate {
        @EventSourcingHandler
        void on(SomethingHappened event) {
        }

        @EventSourcingHandler
        void on(DepositEvents.DepositCreditDue event) {
        }
    }

    @Test
    @DisplayName("the ledger's catalogue names every event its aggregates apply and every flow event record")
    void catalogueIsComplete() {
        assertThatCode(StoredTypes::requireEveryEventNamed).doesNotThrowAnyException();
        assertThat(StoredTypes.unnamed(StoredTypes.AGGREGATES, StoredTypes.EVENT_HOLDERS)).isEmpty();
    }

    @Test
    @DisplayName("each flow's events are sealed: its holder's one sealed interface permits exactly the records nested in it")
    void flowEventsAreSealed() {
        for (Class<?> holder : StoredTypes.EVENT_HOLDERS) {
            List<Class<?>> sealed = Arrays.stream(holder.getDeclaredClasses()).filter(Class::isSealed).toList();
            List<Class<?>> records = Arrays.stream(holder.getDeclaredClasses()).filter(Class::isRecord).toList();
            assertThat(sealed).as(holder.getSimpleName()).hasSize(1);
            assertThat(sealed.get(0).getPermittedSubclasses()).as(holder.getSimpleName())
                    .isNotEmpty().containsExactlyInAnyOrderElementsOf(records);
        }
    }

    @Test
    @DisplayName("an applied event without a stored name is named in the refusal; a named one is not")
    void findsUnnamedEvent() {
        assertThat(StoredTypes.unnamed(List.of(ForgetfulAggregate.class), List.of()))
                .containsExactly(SomethingHappened.class.getName());
    }

    @Test
    @DisplayName("a flow event record nested in its holder without a stored name is found too")
    void findsUnnamedNestedRecord() {
        assertThat(StoredTypes.unnamed(List.of(), List.of(StoredTypesTest.class))).contains(SomethingHappened.class.getName());
    }
}
