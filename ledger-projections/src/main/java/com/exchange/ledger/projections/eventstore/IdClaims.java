package com.exchange.ledger.projections.eventstore;

import com.exchange.ledger.core.process.IdClaim;
import com.exchange.ledger.core.process.IdClaimTakenException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ids that must name one thing across the whole ledger (ADR 0021): a client's operation, hold or transfer id belongs to
 * the first account that uses it. An event whose meta-data carries {@link #CLAIM} and {@link #OWNER} claims that key
 * for that owner, and the claim is written by the group that writes the event, before it: one unordered
 * {@code insertMany} per group, not one round trip per command.
 * <p>
 * A claim that is already stored is the append's own when the same owner made it and no refusal is recorded on it (a
 * retry after a lost race, a crash between the claim and the event, a repeat whose event then clashes on its operation
 * key): the append goes on. Otherwise the append is refused with {@link IdClaimTakenException}. Only a clash costs a
 * read (one {@code $in} for the group's clashes).
 * <p>
 * The documents are those of the API's id directory ({@code _id} the claimed key, {@link #OWNER_FIELD} its owner,
 * {@link #REFUSED_FIELD} the refusal recorded for it), so claims made before this path existed hold unchanged.
 */
final class IdClaims {

    /** Meta-data key of the key an event claims, e.g. {@code operation:dep-7}. */
    static final String CLAIM = IdClaim.KEY;
    /** Meta-data key of who claims it (an account key). */
    static final String OWNER = IdClaim.OWNER;
    static final String OWNER_FIELD = "account";
    static final String REFUSED_FIELD = "refused";

    private final MongoCollection<Document> claims;

    IdClaims(MongoDatabase database, String collection) {
        // as durable as the events they guard: a claim rolled back by a failover would let a second account take the id
        this.claims = database.getCollection(collection).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
    }

    /** The claim an event carries, or null. Both keys or neither: half a claim is a bug of the sender. */
    static IdClaim of(EventMessage<?> event) {
        Object key = event.getMetaData().get(CLAIM);
        Object owner = event.getMetaData().get(OWNER);
        if (key == null && owner == null) {
            return null;
        }
        if (!(key instanceof String k) || !(owner instanceof String o)) {
            throw new IllegalArgumentException("an id claim needs both " + CLAIM + " and " + OWNER + " as text, got "
                    + key + " and " + owner);
        }
        return new IdClaim(k, o);
    }

    /**
     * Writes the claims; returns, by position in {@code wanted}, the failure of each claim that is not its append's
     * (null entries are claims that hold). Never throws for a clash; a store failure is thrown and fails the group.
     */
    List<RuntimeException> claim(List<IdClaim> wanted) {
        List<RuntimeException> outcome = new ArrayList<>(Collections.nCopies(wanted.size(), null));
        if (wanted.isEmpty()) {
            return outcome;
        }
        List<Document> documents = wanted.stream()
                .map(c -> new Document("_id", c.key()).append(OWNER_FIELD, c.owner()))
                .toList();
        try {
            claims.insertMany(documents, new InsertManyOptions().ordered(false));
            return outcome;
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            List<Integer> clashed = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                clashed.add(error.getIndex());
            }
            Map<String, Document> stored = new HashMap<>();
            claims.find(Filters.in("_id", clashed.stream().map(i -> wanted.get(i).key()).distinct().toList()))
                    .forEach(d -> stored.put(d.getString("_id"), d));
            for (int index : clashed) {
                IdClaim claim = wanted.get(index);
                Document existing = stored.get(claim.key());
                if (!heldBy(existing, claim.owner())) {
                    outcome.set(index, new IdClaimTakenException(claim.key()));
                }
            }
            // one group asking twice for one key: the stored claim is the first ask's, so a second owner fails here
            return outcome;
        }
    }

    private static boolean heldBy(Document existing, String owner) {
        return existing != null && Objects.equals(existing.getString(OWNER_FIELD), owner) && existing.get(REFUSED_FIELD) == null;
    }
}
