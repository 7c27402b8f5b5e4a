package com.exchange.ledger.projections.chain;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;

import java.util.Date;
import java.util.Iterator;
import java.util.Optional;

/**
 * The {@code event_checkpoints} collection: one document per checkpoint, {@code _id} its position, plus one document
 * {@code _id: "sealed"} that points at the highest checkpoint (so the sealer finds where it stopped with a point read)
 * and at the genesis (where the chain starts).
 */
public final class Checkpoints {

    public static final String COLLECTION = "event_checkpoints";
    private static final String POINTER = "sealed";

    private final MongoCollection<Document> collection;

    public Checkpoints(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
    }

    /** The highest checkpoint written, if the chain has been started. */
    public Optional<Checkpoint> latest() {
        Document pointer = collection.find(Filters.eq("_id", POINTER)).first();
        return pointer == null ? Optional.empty() : at(((Number) pointer.get("position")).longValue());
    }

    /** Where the chain starts, if it has been started. */
    public Optional<Checkpoint> genesis() {
        Document pointer = collection.find(Filters.eq("_id", POINTER)).first();
        return pointer == null ? Optional.empty() : at(((Number) pointer.get("genesis")).longValue());
    }

    public Optional<Checkpoint> at(long position) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", position)).first()).map(Checkpoints::fromDocument);
    }

    /**
     * The checkpoints above a position, in position order. A range read (a scan on the stand-in store, over one small
     * document per sealed segment): for the auditor's verification, not the hot path.
     */
    public Iterator<Checkpoint> after(long position) {
        MongoCursor<Document> cursor = collection.find(Filters.gt("_id", position)).sort(new Document("_id", 1)).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = cursor.hasNext();
                if (!more) {
                    cursor.close();
                }
                return more;
            }

            @Override
            public Checkpoint next() {
                return fromDocument(cursor.next());
            }
        };
    }

    /** At most {@code limit} checkpoints above a position, in position order: a page of the export. */
    public java.util.List<Checkpoint> page(long after, int limit) {
        java.util.List<Checkpoint> page = new java.util.ArrayList<>(limit);
        collection.find(Filters.gt("_id", after)).sort(new Document("_id", 1)).limit(limit)
                .forEach(document -> page.add(fromDocument(document)));
        return page;
    }

    /** Starts the chain at a position: the genesis checkpoint and the pointer. Another instance may have started it. */
    Checkpoint start(Checkpoint genesis) {
        Checkpoint written = write(genesis);
        collection.updateOne(Filters.eq("_id", POINTER), Updates.combine(Updates.setOnInsert("genesis", written.position()),
                Updates.max("position", written.position())), new UpdateOptions().upsert(true));
        return genesis().orElse(written);
    }

    /**
     * Writes a checkpoint and moves the pointer up to it. When another sealer wrote one at the same position first,
     * that one is kept and returned: the chain value at a position is the same whoever computes it.
     */
    Checkpoint seal(Checkpoint checkpoint) {
        Checkpoint written = write(checkpoint);
        collection.updateOne(Filters.eq("_id", POINTER), Updates.max("position", written.position()));
        return written;
    }

    private Checkpoint write(Checkpoint checkpoint) {
        try {
            collection.insertOne(toDocument(checkpoint));
            return checkpoint;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return at(checkpoint.position()).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    private static Document toDocument(Checkpoint checkpoint) {
        return new Document("_id", checkpoint.position())
                .append("from", checkpoint.from())
                .append("previous", new Binary(checkpoint.previous()))
                .append("chain", new Binary(checkpoint.chain()))
                .append("chainHex", checkpoint.chainHex())
                .append("hashes", new Binary(checkpoint.hashes()))
                .append("sealedAt", Date.from(checkpoint.sealedAt()));
    }

    private static Checkpoint fromDocument(Document document) {
        return new Checkpoint(((Number) document.get("_id")).longValue(), ((Number) document.get("from")).longValue(),
                document.get("previous", Binary.class).getData(), document.get("chain", Binary.class).getData(),
                document.get("hashes", Binary.class).getData(), document.getDate("sealedAt").toInstant());
    }
}
