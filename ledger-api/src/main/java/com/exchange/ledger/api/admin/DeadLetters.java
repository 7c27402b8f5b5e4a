package com.exchange.ledger.api.admin;

import com.exchange.ledger.api.axon.ReadModelFailures;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events the read models parked: listed per processing group with why, and handled again on request (each
 * sequence from its first parked event, in order; a sequence that fails again stays parked with the new cause).
 */
@Service
public class DeadLetters {

    /** A limit on everything: a listing shows at most this many events per group (the count is always whole). */
    public static final int MAX_LISTED = 100;

    private final EventProcessingConfiguration processing;

    public DeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public record ParkedEvent(String sequence, String eventId, String eventType, String aggregateId, Long aggregateSequence,
                              Instant occurredAt, String causeType, String causeMessage, Instant parkedAt, Instant lastTried) {
    }

    public record Group(String processingGroup, long parked, List<ParkedEvent> events) {
    }

    public record Listing(long parked, List<Group> processingGroups) {
    }

    public record Retried(String processingGroup, int sequencesRetried, int sequencesCleared, long stillParked) {
    }

    public Listing list() {
        List<Group> groups = new ArrayList<>();
        long total = 0;
        for (String group : ReadModelFailures.READ_MODEL_GROUPS) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
            long parked = queue.size();
            total += parked;
            List<ParkedEvent> events = new ArrayList<>();
            if (parked > 0) {
                outer:
                for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                    for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                        if (events.size() >= MAX_LISTED) {
                            break outer;
                        }
                        events.add(describe(letter));
                    }
                }
            }
            groups.add(new Group(group, parked, events));
        }
        return new Listing(total, groups);
    }

    /** Handles the group's parked sequences again, each at most once in this call. */
    public Retried retry(String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new IllegalStateException("no dead-letter processor for " + group));
        long sequences = queue.amountOfSequences();
        int tried = 0;
        int cleared = 0;
        // processAny takes the least recently tried sequence first, so a sequence failing again goes to the back
        for (long i = 0; i < sequences; i++) {
            tried++;
            if (processor.processAny()) {
                cleared++;
            }
        }
        return new Retried(group, tried, cleared, queue.size());
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        if (!ReadModelFailures.READ_MODEL_GROUPS.contains(group)) {
            throw LedgerRejection.of(RejectionCode.NOT_FOUND, "processing group must be one of %s", ReadModelFailures.READ_MODEL_GROUPS);
        }
        return processing.deadLetterQueue(group).orElseThrow(() -> new IllegalStateException("no dead-letter queue for " + group));
    }

    private static ParkedEvent describe(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        String sequence = letter instanceof org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter<?> mongo
                ? mongo.sequenceIdentifier() : null;
        return new ParkedEvent(sequence, event.getIdentifier(), event.getPayloadType().getSimpleName(),
                event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null,
                event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : null,
                event.getTimestamp(), letter.cause().map(c -> c.type()).orElse(null), letter.cause().map(c -> c.message()).orElse(null),
                letter.enqueuedAt(), letter.lastTouched());
    }
}
