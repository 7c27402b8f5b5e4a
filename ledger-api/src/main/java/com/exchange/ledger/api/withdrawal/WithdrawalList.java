package com.exchange.ledger.api.withdrawal;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.withdrawal.WithdrawalId;
import com.exchange.ledger.projections.flows.FlowsProjection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** Withdrawals as the {@code withdrawals} read model has them: oldest first (an admin's queue), filtered, paged. */
@Component
class WithdrawalList {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;
    static final int MAX_TEXT = 200;
    private static final Set<String> STATUSES = Set.of("requested", "pending", "refused", "approved", "rejected");

    record Item(String withdrawalId, String userId, String currency, String amount, String fee, String address, String status,
                Instant requestedAt, String decidedBy, String decidedByKeyName, Instant decidedAt, String reason, String refusalCode) {
    }

    record Page(List<Item> items, String nextCursor) {
    }

    private final MongoCollection<Document> withdrawals;

    WithdrawalList(MongoDatabase ledgerDatabase) {
        this.withdrawals = ledgerDatabase.getCollection(FlowsProjection.WITHDRAWALS);
    }

    Page page(String status, String userId, Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "limit", RuleViolation.Rule.OUT_OF_RANGE, "limit must be 1-%d", MAX_PAGE);
        }
        List<Bson> filters = new ArrayList<>();
        if (status != null) {
            if (!STATUSES.contains(status)) {
                throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "status", RuleViolation.Rule.UNKNOWN_VALUE, "status must be one of %s", STATUSES);
            }
            filters.add(Filters.eq("status", status));
        }
        if (userId != null) {
            filters.add(Filters.eq("user_id", UserId.of(userId).value()));
        }
        if (cursor != null) {
            Position after = Position.decode(cursor);
            filters.add(Filters.or(Filters.gt("requested_at", after.requestedAt()),
                    Filters.and(Filters.eq("requested_at", after.requestedAt()), Filters.gt("_id", after.id()))));
        }
        List<Document> found = withdrawals.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(Sorts.ascending("requested_at", "_id")).limit(size + 1).into(new ArrayList<>());
        boolean more = found.size() > size;
        List<Document> page = more ? found.subList(0, size) : found;
        String next = more ? new Position(page.get(size - 1).getDate("requested_at"), page.get(size - 1).getString("_id")).encode() : null;
        return new Page(page.stream().map(WithdrawalList::item).toList(), next);
    }

    Item one(WithdrawalId id) {
        Document found = withdrawals.find(Filters.eq("_id", id.value())).first();
        if (found == null) {
            throw LedgerRejection.of(RejectionCode.NOT_FOUND, "no withdrawal %s", id.value());
        }
        return item(found);
    }

    /** An optional free text of a request: bounded and without control characters. */
    static String text(String value, String field) {
        if (value != null && (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl))) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, field,
                    value.length() > MAX_TEXT ? RuleViolation.Rule.TOO_LONG : RuleViolation.Rule.CONTROL_CHARACTERS_NOT_ALLOWED,
                    "%s must be at most %d characters without control characters",
                    field, MAX_TEXT);
        }
        return value;
    }

    private static Item item(Document d) {
        return new Item(d.getString("_id"), d.getString("user_id"), d.getString("currency"), plain(d.get("amount")),
                plain(d.get("fee")), d.getString("address"), d.getString("status"), instant(d.getDate("requested_at")),
                d.getString("decided_by"), d.getString("decided_by_key_name"), instant(d.getDate("decided_at")), d.getString("reason"), d.getString("refusal_code"));
    }

    private static String plain(Object amount) {
        return amount instanceof Decimal128 decimal ? decimal.bigDecimalValue().toPlainString() : null;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private record Position(Date requestedAt, String id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((requestedAt.getTime() + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                if (cursor.length() > 200) {
                    throw new IllegalArgumentException("too long");
                }
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int bar = text.indexOf('|');
                long requestedAt = Long.parseLong(text.substring(0, bar));
                if (requestedAt < 0) {
                    throw new IllegalArgumentException("before any request");
                }
                return new Position(new Date(requestedAt), WithdrawalId.of(text.substring(bar + 1)).value());
            } catch (RuntimeException e) {
                throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "cursor", RuleViolation.Rule.CURSOR_NOT_ISSUED, "cursor is not one this API gave out");
            }
        }
    }
}
