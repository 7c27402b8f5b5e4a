package com.exchange.ledger.projections.deadletters;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dead-letter collection shared by the read models' processing groups: one document per parked event, keyed by
 * processing group, sequence (the aggregate, or one sequence for a view that needs stream order) and index.
 */
public final class ParkedEvents {

    public static final String COLLECTION = "dead_letters";
    /** A limit on everything: past this many sequences (or events in one), a group stops parking and retries. */
    public static final int MAX_SEQUENCES = 1024;
    public static final int MAX_SEQUENCE_SIZE = 1024;

    private final MongoCollection<Document> letters;

    public ParkedEvents(MongoDatabase database) {
        this.letters = database.getCollection(COLLECTION);
    }

    /** The queue of one processing group. */
    public static SequencedDeadLetterQueue<EventMessage<?>> queue(MongoDatabase database, String processingGroup,
                                                                   Serializer serializer) {
        return MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(processingGroup)
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).deadLetterCollectionName(COLLECTION).build())
                .serializer(serializer)
                .maxSequences(MAX_SEQUENCES)
                .maxSequenceSize(MAX_SEQUENCE_SIZE)
                .build();
    }

    /** Parked events per processing group; a group with none is absent. */
    public Map<String, Long> countsByProcessingGroup() {
        Map<String, Long> counts = new TreeMap<>();
        letters.aggregate(List.of(Aggregates.group("$processingGroup", Accumulators.sum("count", 1))))
                .forEach(d -> counts.put(d.getString("_id"), ((Number) d.get("count")).longValue()));
        return counts;
    }
}
