package com.exchange.ledger.projections.eventstore;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static com.exchange.ledger.projections.eventstore.EventDocuments.tombstoneDocument;

/**
 * Closes indexes no event will take: those of refused appends (so readers need not wait for them) and those whose
 * writer is gone (so the chain can seal past them). Both writers of tombstones, so both close an index the same way.
 */
final class Tombstones {

    // the engine's logger, as before the split: log settings that name the engine keep covering these warnings
    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    private final MongoCollection<Document> events;

    Tombstones(MongoCollection<Document> events) {
        this.events = events;
    }

    /** Closes the indexes refused appends had taken, so readers need not wait for them: one insert for all. */
    void close(List<Long> indexes) {
        if (indexes.isEmpty()) {
            return;
        }
        List<Document> tombstones = new ArrayList<>(indexes.size());
        for (Long index : indexes) {
            tombstones.add(tombstoneDocument(index));
        }
        try {
            events.insertMany(tombstones, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                log.warn("could not write tombstone {} ({}); readers will skip it after the gap timeout",
                        indexes.get(error.getIndex()), error.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("could not write tombstones {}; readers will skip them after the gap timeout", indexes, e);
        }
    }

    /** See {@link MongoEventStorageEngine#fence(long)}. */
    boolean fence(long index) {
        try {
            events.insertOne(tombstoneDocument(index));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
