package com.exchange.ledger.api.axon;

import com.exchange.ledger.projections.deadletters.ParkedEvents;
import com.exchange.ledger.projections.flows.FlowsProjection;
import com.exchange.ledger.projections.holds.OpenHoldsProjection;
import com.exchange.ledger.projections.system.SystemBalancesProjection;
import com.exchange.ledger.projections.transactions.TransactionsProjection;
import com.exchange.ledger.projections.transfers.TransfersInFlightProjection;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * What a read model does with an event it cannot handle (design rule 8): it parks it in its processing group's
 * dead-letter queue, with every later event of the same sequence behind it, so nothing is skipped and nothing is
 * applied out of order; the parked events are listed and retried through {@code /api/admin/dead-letters} and counted
 * by the reconciliation. A failure outside the handlers (a batch's bulk write, the token update) fails the whole
 * batch, which the processor retries with a growing pause. The money-moving policies never park: their errors
 * propagate and their processor retries (see {@link AxonConfiguration} and the flow configuration).
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelFailures {

    private static final Logger log = LoggerFactory.getLogger(ReadModelFailures.class);

    /** The processing groups of the read models, each with its own queue. */
    public static final List<String> READ_MODEL_GROUPS = List.of(WalletsProjection.PROCESSING_GROUP,
            TransactionsProjection.PROCESSING_GROUP, OpenHoldsProjection.PROCESSING_GROUP, SystemBalancesProjection.PROCESSING_GROUP,
            TransfersInFlightProjection.PROCESSING_GROUP, FlowsProjection.PROCESSING_GROUP);

    /**
     * The one sequence of a view that needs stream order: a parked event holds back every later one. A constant
     * string, because the queue keys a sequence by its string form (an object's identity hash would change at every
     * start and let later events pass a parked one).
     */
    static final String STREAM_ORDER = "stream-order";

    @Bean
    ConfigurerModule readModelDeadLetterQueues(MongoDatabase ledgerDatabase, Serializer serializer) {
        return configurer -> {
            for (String group : READ_MODEL_GROUPS) {
                configurer.eventProcessing()
                        .registerDeadLetterQueue(group, c -> ParkedEvents.queue(ledgerDatabase, group, serializer))
                        .registerDeadLetterPolicy(group, c -> parkAndSayIt(group))
                        // without it every event costs a count of the queue before it is handled
                        .registerDeadLetteringEventHandlerInvokerConfiguration(group, (c, builder) -> builder.enableSequenceIdentifierCache());
            }
            // running sums that compare tracking tokens: an event retried after later ones would be taken as seen
            configurer.eventProcessing().registerSequencingPolicy(SystemBalancesProjection.PROCESSING_GROUP, c -> streamOrder());
        };
    }

    static SequencingPolicy<EventMessage<?>> streamOrder() {
        return event -> STREAM_ORDER;
    }

    /** Always park (never drop), and say so loudly: a parked event is a view left behind until someone retries it. */
    static EnqueuePolicy<EventMessage<?>> parkAndSayIt(String group) {
        return (letter, cause) -> {
            log.error("{} parked event {} ({}) of aggregate {}: {}", group, letter.message().getIdentifier(),
                    letter.message().getPayloadType().getSimpleName(), letter.message() instanceof org.axonframework.eventhandling.DomainEventMessage<?> d
                            ? d.getAggregateIdentifier() : "-", cause.toString());
            return Decisions.enqueue(ThrowableCause.truncated(cause));
        };
    }
}
