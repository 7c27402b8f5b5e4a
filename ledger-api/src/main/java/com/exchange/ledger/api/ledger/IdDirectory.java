package com.exchange.ledger.api.ledger;

import com.exchange.ledger.core.process.IdClaim;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Which account a caller's id belongs to, across the whole ledger. The event store makes an id unique per account;
 * the API promises more: an operation, hold or transfer id names one thing, so the first request that uses it claims
 * it (a unique {@code _id}) and a request naming it for another account is refused with 409. The release and unlock
 * endpoints, which name only the hold, find its account here (see {@link HoldAccounts} for the migration's holds).
 */
@Component
public class IdDirectory {

    static final String COLLECTION = MongoEventStorageEngine.ID_CLAIMS_COLLECTION;

    public enum Kind { OPERATION, HOLD, TRANSFER, PAYMENT_REF }

    private final MongoCollection<Document> ids;

    IdDirectory(MongoDatabase ledgerDatabase) {
        this.ids = ledgerDatabase.getCollection(COLLECTION);
    }

    /** Claims the id for the account, or confirms the account already has it; true when this call claimed it. */
    boolean claim(Kind kind, String id, AccountId account) {
        return claim(kind, id, account.key());
    }

    /** Claims the id for its owner (an account, an order), or confirms the owner already has it; true when this call claimed it. */
    public boolean claim(Kind kind, String id, String owner) {
        try {
            ids.insertOne(new Document("_id", key(kind, id)).append("account", owner));
            return true;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document existing = ids.find(Filters.eq("_id", key(kind, id))).first();
            if (existing == null || !owner.equals(existing.getString("account"))) {
                throw takenByAnother(kind, id);
            }
            return false;
        }
    }

    /** The answer to a request naming an id another owner holds. */
    private static LedgerRejection takenByAnother(Kind kind, String id) {
        if (kind == Kind.PAYMENT_REF) {
            return LedgerRejection.of(RejectionCode.OPERATION_CONFLICT, "payment_ref %s is already used by another order", id);
        }
        return LedgerRejection.of(kind == Kind.HOLD ? RejectionCode.HOLD_ALREADY_EXISTS : RejectionCode.OPERATION_CONFLICT,
                "%s id %s is already used for another account", kind.name().toLowerCase(), id);
    }

    /** Who claimed the id, if anyone. */
    public Optional<String> ownerOf(Kind kind, String id) {
        return Optional.ofNullable(ids.find(Filters.eq("_id", key(kind, id))).first()).map(document -> document.getString("account"));
    }

    /** Gives up a claim this owner made and nothing came of; false when the id is not (or no longer) the owner's. */
    public boolean release(Kind kind, String id, String owner) {
        return ids.deleteOne(Filters.and(Filters.eq("_id", key(kind, id)), Filters.eq("account", owner))).getDeletedCount() == 1;
    }

    /** Moves a claim from an owner shown never to use the id to another; false when someone else moved it first. */
    public boolean reassign(Kind kind, String id, String from, String to) {
        return ids.replaceOne(Filters.and(Filters.eq("_id", key(kind, id)), Filters.eq("account", from)),
                new Document("_id", key(kind, id)).append("account", to)).getModifiedCount() == 1;
    }

    /**
     * The meta-data with which a command claims the id for the account: the event store writes the claim in the group
     * that writes the command's event (ADR 0021), so a first use of an id costs no round trip of its own.
     */
    IdClaim claimBy(Kind kind, String id, AccountId account) {
        return new IdClaim(key(kind, id), account.key());
    }

    /**
     * Keeps the ledger's refusal of a request, so the same request again answers the same refusal (docs/api.md: the
     * first outcome, with the same status, also after a restart). The refusal moved no money; what it spends is the id.
     * An id another owner holds is a conflict; an id that already carries a refusal answers that one (or a conflict, for
     * another request); a claim of this account's without an outcome (left by a crash or a lost race) takes the refusal.
     * The one read after the clashing insert decides (a refused request sent again costs the insert and that read);
     * the directory is read once more only when the claim changed under this call (ADR 0021, addendum).
     */
    void recordRefusal(Kind kind, String id, AccountId account, String request, String legacyRequest, LedgerRejection refusal) {
        Document refused = new Document("_id", key(kind, id)).append("account", account.key())
                .append("refused", new Document("code", refusal.code().name()).append("detail", refusal.getMessage())
                        .append("errors", refusal.violations().stream()
                                .map(violation -> new Document("field", violation.field()).append("rule", violation.rule().name())).toList())
                        .append("request", request).append("request_form", RequestFingerprint.FORM));
        try {
            ids.insertOne(refused);
            return;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document existing = ids.find(Filters.eq("_id", key(kind, id))).first();
        if (existing != null) {
            if (!account.key().equals(existing.getString("account"))) {
                throw takenByAnother(kind, id);
            }
            if (existing.get("refused") != null) {
                refusalIn(existing, kind, id, request, legacyRequest).ifPresent(earlier -> {
                    throw earlier;
                });
                return;
            }
            // conditional, so a refusal recorded meanwhile stands; a compound filter scans on the embedded store
            // (docs/store-differences.md), which only this rare case pays: a claim left without its event
            if (ids.replaceOne(Filters.and(Filters.eq("_id", key(kind, id)), Filters.eq("account", account.key()),
                    Filters.exists("refused", false)), refused).getMatchedCount() == 1) {
                return;
            }
        }
        // the claim changed under this call: given up after the insert clashed or before the conditional write, or
        // given a refusal (or another owner) meanwhile; the directory as it is now decides
        claim(kind, id, account);
        earlierRefusal(kind, id, request, legacyRequest).ifPresent(earlier -> {
            throw earlier;
        });
    }

    /**
     * Why the store refused this account's claim of the id ({@code IdClaimTakenException}), from one read: another
     * owner's claim is a conflict (thrown), a recorded refusal is answered as {@link #earlierRefusal} does. Empty when
     * the claim is, by now, the account's without an outcome: the caller sends once more. Only a claim given up since
     * the store refused it (read as absent) is claimed afresh and read again.
     */
    Optional<LedgerRejection> whyClaimTaken(Kind kind, String id, AccountId account, String request, String legacyRequest) {
        Document found = ids.find(Filters.eq("_id", key(kind, id))).first();
        if (found == null) {
            claim(kind, id, account);
            return earlierRefusal(kind, id, request, legacyRequest);
        }
        if (!account.key().equals(found.getString("account"))) {
            throw takenByAnother(kind, id);
        }
        return refusalIn(found, kind, id, request, legacyRequest);
    }

    /**
     * The refusal recorded for this id: the same one for the same request, a conflict for another. {@code request} is
     * the request's {@link RequestFingerprint}; {@code legacyRequest} its fingerprint as versions before
     * {@link RequestFingerprint#FORM} 2 stored it, compared only with a document they wrote.
     */
    private Optional<LedgerRejection> earlierRefusal(Kind kind, String id, String request, String legacyRequest) {
        return refusalIn(ids.find(Filters.eq("_id", key(kind, id))).first(), kind, id, request, legacyRequest);
    }

    /** The refusal a claim document read from the directory carries, answered as {@link #earlierRefusal} does. */
    private static Optional<LedgerRejection> refusalIn(Document found, Kind kind, String id, String request, String legacyRequest) {
        if (found == null || !(found.get("refused") instanceof Document refused)) {
            return Optional.empty();
        }
        String expected = refused.get("request_form") == null ? legacyRequest : request;
        if (!expected.equals(refused.getString("request"))) {
            return Optional.of(LedgerRejection.of(RejectionCode.OPERATION_CONFLICT, "%s id %s was already used for another request",
                    kind.name().toLowerCase(), id));
        }
        return Optional.of(new LedgerRejection(RejectionCode.valueOf(refused.getString("code")), refused.getString("detail"),
                violations(refused)));
    }

    /** The rules a recorded refusal named; none for one recorded before refusals named their rules. */
    private static List<RuleViolation> violations(Document refused) {
        return refused.getList("errors", Document.class, List.of()).stream()
                .map(error -> new RuleViolation(error.getString("field"), RuleViolation.Rule.valueOf(error.getString("rule"))))
                .toList();
    }

    Optional<AccountId> accountOf(Kind kind, String id) {
        return Optional.ofNullable(ids.find(Filters.eq("_id", key(kind, id))).first())
                .map(document -> AccountId.parse(document.getString("account")));
    }

    private static String key(Kind kind, String id) {
        return kind.name().toLowerCase() + ":" + id;
    }
}
