package com.exchange.ledger.api.readside;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A transient store fault injected into one event handler: while it is on, the handler of {@code payloadType} in
 * {@code handlerClass} throws what a lost connection to the store throws, before touching anything. Off again, the
 * handler works: the fault has passed, as a real one does.
 */
public class HandlerFault implements HandlerEnhancerDefinition {

    /** {@code @Import} it into a Spring test: the fault as a bean, which Axon applies to every handler. */
    @TestConfiguration
    public static class Wiring {
        @Bean
        HandlerFault handlerFault() {
            return new HandlerFault();
        }
    }

    private volatile Class<?> handlerClass;
    private volatile Class<?> payloadType;
    private volatile Predicate<Object> payloadMatches = payload -> true;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger thrown = new AtomicInteger();

    /** Fails the next {@code times} calls of that handler. */
    public void failNext(Class<?> handlerClass, Class<?> payloadType, int times) {
        failNext(handlerClass, payloadType, payload -> true, times);
    }

    /** Fails the next {@code times} calls of that handler whose payload matches. */
    public void failNext(Class<?> handlerClass, Class<?> payloadType, Predicate<Object> payloadMatches, int times) {
        this.handlerClass = handlerClass;
        this.payloadType = payloadType;
        this.payloadMatches = payloadMatches;
        thrown.set(0);
        remaining.set(times);
    }

    public void heal() {
        remaining.set(0);
    }

    public int thrown() {
        return thrown.get();
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (original.declaringClass() == handlerClass && payloadType.isInstance(message.getPayload())
                        && payloadMatches.test(message.getPayload()) && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    thrown.incrementAndGet();
                    throw new com.mongodb.MongoSocketReadException("injected: connection to the store lost",
                            new com.mongodb.ServerAddress("store.invalid"));
                }
                return super.handle(message, target);
            }
        };
    }
}
