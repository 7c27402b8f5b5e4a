package com.exchange.ledger.api.withdrawal;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.withdrawal.WithdrawalId;
import com.exchange.ledger.projections.flows.FlowQueries;
import com.exchange.ledger.projections.flows.FlowQueries.Withdrawal;
import com.exchange.ledger.projections.flows.FlowQueries.WithdrawalPage;
import com.exchange.ledger.projections.flows.FlowQueries.WithdrawalPosition;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
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

    private final FlowQueries views;

    WithdrawalList(FlowQueries views) {
        this.views = views;
    }

    Page page(String status, String userId, Integer limit, String cursor) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "limit", RuleViolation.Rule.OUT_OF_RANGE, "limit must be 1-%d", MAX_PAGE);
        }
        if (status != null && !STATUSES.contains(status)) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "status", RuleViolation.Rule.UNKNOWN_VALUE, "status must be one of %s", STATUSES);
        }
        String user = userId == null ? null : UserId.of(userId).value();
        WithdrawalPosition after = cursor == null ? null : decode(cursor);
        WithdrawalPage found = views.withdrawals(status, user, size, after);
        String next = found.next() == null ? null : encode(found.next());
        return new Page(found.withdrawals().stream().map(WithdrawalList::item).toList(), next);
    }

    Item one(WithdrawalId id) {
        return views.withdrawal(id.value()).map(WithdrawalList::item)
                .orElseThrow(() -> LedgerRejection.of(RejectionCode.NOT_FOUND, "no withdrawal %s", id.value()));
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

    private static Item item(Withdrawal w) {
        return new Item(w.withdrawalId(), w.userId(), w.currency(), plain(w.amount()), plain(w.fee()), w.address(), w.status(),
                w.requestedAt(), w.decidedBy(), w.decidedByKeyName(), w.decidedAt(), w.reason(), w.refusalCode());
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    /** The cursor: where the page ended, opaque to the client. */
    private static String encode(WithdrawalPosition position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (position.requestedAt().toEpochMilli() + "|" + position.withdrawalId()).getBytes(StandardCharsets.UTF_8));
    }

    private static WithdrawalPosition decode(String cursor) {
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
            return new WithdrawalPosition(Instant.ofEpochMilli(requestedAt), WithdrawalId.of(text.substring(bar + 1)).value());
        } catch (RuntimeException e) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "cursor", RuleViolation.Rule.CURSOR_NOT_ISSUED, "cursor is not one this API gave out");
        }
    }
}
