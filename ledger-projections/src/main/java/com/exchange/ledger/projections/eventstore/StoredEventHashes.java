package com.exchange.ledger.projections.eventstore;

import com.mongodb.ReadConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.types.Binary;

import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The chain hashes ({@link EventHash#FIELD}) stored with the events, read by position for the event feed: the
 * events' documents are this package's business, so the API asks here instead of querying the collection itself.
 */
public class StoredEventHashes {

    /** The collection {@link MongoEventStorageEngine} appends to unless told otherwise. */
    public static final String EVENTS = "events";

    private final MongoCollection<Document> events;

    public StoredEventHashes(MongoDatabase database) {
        // the hashes are read as the events are: majority-committed only
        this.events = database.getCollection(EVENTS).withReadConcern(ReadConcern.MAJORITY);
    }

    /** The hash of each event at {@code positions} that has one, as lower-case hex; one query for them all. */
    public Map<Long, String> at(Collection<Long> positions) {
        Map<Long, String> hashes = new HashMap<>();
        if (positions.isEmpty()) {
            return hashes;
        }
        events.find(Filters.in("_id", positions))
                .projection(new Document(EventHash.FIELD, 1))
                .forEach(document -> {
                    String hash = text(document.get(EventHash.FIELD));
                    if (hash != null) {
                        hashes.put(((Number) document.get("_id")).longValue(), hash);
                    }
                });
        return hashes;
    }

    private static String text(Object hash) {
        if (hash instanceof Binary binary) {
            return HexFormat.of().formatHex(binary.getData());
        }
        if (hash instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return hash == null ? null : hash.toString();
    }
}
