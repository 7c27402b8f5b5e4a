package com.exchange.ledger.api.axon;

import com.exchange.ledger.core.process.IdClaim;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Carries an id claim (ADR 0021) from the command that asks for it onto the event the command appends, where the event
 * store writes it with the event's group. Registered on the command bus only, not as an application-wide correlation
 * provider: an event processor's units would otherwise copy a handled event's claim onto every command it sends, and
 * those commands' events would claim an id that is not theirs.
 */
@Configuration(proxyBeanMethods = false)
class IdClaimsWiring {

    @Autowired
    void carryIdClaimsOntoEvents(CommandBus commandBus) {
        SimpleCorrelationDataProvider claims = new SimpleCorrelationDataProvider(
                IdClaim.KEY, IdClaim.OWNER);
        commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.registerCorrelationDataProvider(claims);
            return chain.proceed();
        });
    }
}
