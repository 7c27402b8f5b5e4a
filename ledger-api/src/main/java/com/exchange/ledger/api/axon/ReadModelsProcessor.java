package com.exchange.ledger.api.axon;

import com.exchange.ledger.projections.flows.FlowsProjection;
import com.exchange.ledger.projections.holds.OpenHoldsProjection;
import com.exchange.ledger.projections.system.SystemBalancesProjection;
import com.exchange.ledger.projections.transactions.TransactionsProjection;
import com.exchange.ledger.projections.transfers.TransfersInFlightProjection;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The six views on one tracking processor, {@value #NAME} (ADR 0011): a batch is read once, each view writes it with
 * one bulk write, and one token is stored per batch. Each view keeps its processing group, so its own dead-letter
 * queue and sequencing policy ({@link ReadModelFailures}). With {@code ledger.processing.shared-read-models=false}
 * each view has its own processor again, named as its group (the layout before 2026-12).
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelsProcessor {

    private static final Logger log = LoggerFactory.getLogger(ReadModelsProcessor.class);

    /** The processor of the six views; one segment, as {@code system_balances} compares tokens of one segment. */
    public static final String NAME = "read-models";

    /** The processor a view's processing group is handled by under these settings. */
    public static String processorOf(String group, ProcessorPolling.Settings settings) {
        return settings.sharedReadModels() && ReadModelFailures.READ_MODEL_GROUPS.contains(group) ? NAME : group;
    }

    /** Each view's end-of-batch write, by processing group. */
    @Bean
    ReadModelBatches readModelBatches(WalletsProjection wallets, TransactionsProjection transactions, OpenHoldsProjection holds,
                                      SystemBalancesProjection systemBalances, TransfersInFlightProjection transfers,
                                      FlowsProjection flows) {
        Map<String, MessageHandlerInterceptor<EventMessage<?>>> byGroup = new LinkedHashMap<>();
        byGroup.put(WalletsProjection.PROCESSING_GROUP, wallets.flushAtEndOfBatch());
        byGroup.put(TransactionsProjection.PROCESSING_GROUP, transactions.flushAtEndOfBatch());
        byGroup.put(OpenHoldsProjection.PROCESSING_GROUP, holds.flushAtEndOfBatch());
        byGroup.put(SystemBalancesProjection.PROCESSING_GROUP, systemBalances.flushAtEndOfBatch());
        byGroup.put(TransfersInFlightProjection.PROCESSING_GROUP, transfers.flushAtEndOfBatch());
        byGroup.put(FlowsProjection.PROCESSING_GROUP, flows.flushAtEndOfBatch());
        return new ReadModelBatches(Map.copyOf(byGroup));
    }

    /** @param flushes each view's interceptor writing its batch when the batch's last event has been handled */
    public record ReadModelBatches(Map<String, MessageHandlerInterceptor<EventMessage<?>>> flushes) {
    }

    /**
     * Assigns the six groups to {@value #NAME} and puts every view's end-of-batch write on the processor that handles
     * it. The writes run in handler interceptors, outside the dead-letter invokers: a failed bulk write fails the
     * batch, which the processor retries, and never parks one event for the writes of all.
     */
    @Bean
    ConfigurerModule readModelsLayout(ProcessorPolling.Settings settings, ReadModelBatches batches) {
        return configurer -> {
            for (String group : ReadModelFailures.READ_MODEL_GROUPS) {
                if (settings.sharedReadModels()) {
                    configurer.eventProcessing().assignProcessingGroup(group, NAME);
                }
                configurer.eventProcessing().registerHandlerInterceptor(processorOf(group, settings), c -> batches.flushes().get(group));
            }
        };
    }

    @Bean
    OldViewTokens oldViewTokens(MongoDatabase ledgerDatabase, Serializer serializer) {
        return new OldViewTokens(ledgerDatabase, serializer);
    }

    /**
     * The first token of {@value #NAME} on a store the per-view processors ran on: the lowest of their tokens, so no
     * view misses an event and nothing is replayed from the first event (every view is idempotent under
     * re-delivery, ADR 0006). When any view has no token yet (it would have started from the first event), or none
     * has, the processor starts from the first event. The tokens are read, not claimed: an instance of the old
     * layout still running during the upgrade may hold them.
     */
    public static final class OldViewTokens {

        private final MongoDatabase database;
        private final Serializer serializer;

        OldViewTokens(MongoDatabase database, Serializer serializer) {
            this.database = database;
            this.serializer = serializer;
        }

        public TrackingToken initialToken(StreamableMessageSource<? extends EventMessage<?>> source) {
            if (noOldTokens()) {
                return source.createTailToken();
            }
            TrackingToken lowest = null;
            for (String group : ReadModelFailures.READ_MODEL_GROUPS) {
                boolean found = false;
                for (Document entry : database.getCollection(AxonConfiguration.TOKEN_COLLECTION).find(Filters.eq("processorName", group))) {
                    found = true;
                    TrackingToken token = tokenOf(entry);
                    if (token == null) {
                        return fromTheFirstEvent(source, group + " had not handled an event yet");
                    }
                    lowest = lowest == null ? token : lowest.lowerBound(token);
                }
                if (!found) {
                    return fromTheFirstEvent(source, group + " has no token");
                }
            }
            log.info("{} starts where the slowest of the per-view processors was: {}", NAME, lowest);
            return lowest;
        }

        private boolean noOldTokens() {
            return database.getCollection(AxonConfiguration.TOKEN_COLLECTION)
                    .find(Filters.in("processorName", ReadModelFailures.READ_MODEL_GROUPS)).first() == null;
        }

        private static TrackingToken fromTheFirstEvent(StreamableMessageSource<? extends EventMessage<?>> source, String why) {
            log.info("{} starts from the first event: {}", NAME, why);
            return source.createTailToken();
        }

        /**
         * The lowest of the tokens a processor has stored over its segments, read without claiming them: every
         * event below it has been handled. Null when the processor has stored none, or a segment has handled nothing.
         */
        public TrackingToken storedToken(String processorName) {
            TrackingToken lowest = null;
            for (Document entry : database.getCollection(AxonConfiguration.TOKEN_COLLECTION).find(Filters.eq("processorName", processorName))) {
                TrackingToken token = tokenOf(entry);
                if (token == null) {
                    return null;
                }
                lowest = lowest == null ? token : lowest.lowerBound(token);
            }
            return lowest;
        }

        private TrackingToken tokenOf(Document entry) {
            Object data = entry.get("token");
            String type = entry.getString("tokenType");
            if (data == null || type == null) {
                return null;
            }
            TrackingToken token = data instanceof Binary binary
                    ? serializer.deserialize(new SimpleSerializedObject<>(binary.getData(), byte[].class, type, null))
                    : serializer.deserialize(new SimpleSerializedObject<>(data.toString(), String.class, type, null));
            return WrappedToken.unwrapLowerBound(token);
        }
    }
}
