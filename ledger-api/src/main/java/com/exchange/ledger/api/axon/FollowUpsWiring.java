package com.exchange.ledger.api.axon;

import com.exchange.ledger.core.process.ProductFlows;
import com.exchange.ledger.core.transfer.TransferPolicy;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The policies' follow-up commands sent per processor batch (ADR 0018): one {@link BatchedFollowUps} for the service,
 * its end-of-batch send on the processors whose handlers send follow-ups.
 */
@Configuration(proxyBeanMethods = false)
public class FollowUpsWiring {

    /** The processors whose batches send their follow-ups together: the transfer policy's, the product flows' settlements. */
    public static final List<String> PROCESSORS = List.of(TransferPolicy.PROCESSING_GROUP, ProductFlows.PROCESSING_GROUP);

    /** @param maxInFlight follow-up commands sent at once, over every processor (1 to 1024) */
    @ConfigurationProperties(prefix = "ledger.follow-ups")
    public record Settings(@DefaultValue("64") int maxInFlight) {
        public Settings {
            if (maxInFlight < 1 || maxInFlight > BatchedFollowUps.MAX_IN_FLIGHT_LIMIT) {
                throw new IllegalArgumentException("ledger.follow-ups.max-in-flight must be 1 to " + BatchedFollowUps.MAX_IN_FLIGHT_LIMIT);
            }
        }
    }

    @Bean
    BatchedFollowUps followUps(Settings settings) {
        return new BatchedFollowUps(settings.maxInFlight());
    }

    @Bean
    ConfigurerModule followUpsAtEndOfBatch(BatchedFollowUps followUps) {
        return configurer -> PROCESSORS.forEach(processor ->
                configurer.eventProcessing().registerHandlerInterceptor(processor, c -> followUps.sendAtEndOfBatch()));
    }
}
