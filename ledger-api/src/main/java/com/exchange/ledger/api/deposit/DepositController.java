package com.exchange.ledger.api.deposit;

import com.exchange.ledger.api.flow.Blocking;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.Identifiers;
import com.exchange.ledger.projections.flows.FlowQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Deposits as the ledger recorded them from the gateway's callbacks (api.md): one by its {@code payment_id}, and the
 * ones flagged for review (an amount lower than already credited, another user or currency), for admins to settle by
 * hand.
 */
@RestController
@RequestMapping("/api/deposits")
class DepositController {

    static final int DEFAULT_PAGE = 50;

    record View(String paymentId, String userId, String currency, String status, String creditedTotal, int credits,
                int notifications, boolean reviewRequired, String reviewReason, Instant firstNotifiedAt, Instant lastNotifiedAt) {
    }

    record Page(List<View> items, String nextCursor) {
    }

    private final FlowQueries flows;

    DepositController(FlowQueries flows) {
        this.flows = flows;
    }

    @GetMapping("/{paymentId}")
    Mono<View> one(@PathVariable String paymentId) {
        return Blocking.call(() -> flows.deposit(Identifiers.require("payment_id", paymentId)).map(DepositController::view)
                .orElseThrow(() -> LedgerRejection.of(RejectionCode.NOT_FOUND, "no deposit with payment_id %s", paymentId)));
    }

    /** Only the review queue is listed: every deposit of every user is not a page anyone reads. */
    @GetMapping
    Mono<Page> forReview(@RequestParam(name = "review_required") String reviewRequired,
                         @RequestParam(name = "limit", required = false) Integer limit,
                         @RequestParam(name = "cursor", required = false) String cursor) {
        if (!"true".equals(reviewRequired)) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "review_required", RuleViolation.Rule.MUST_BE_TRUE, "review_required must be true: only deposits flagged for review are listed");
        }
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > FlowQueries.MAX_PAGE) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "limit", RuleViolation.Rule.OUT_OF_RANGE, "limit must be 1-%d", FlowQueries.MAX_PAGE);
        }
        FlowQueries.DepositPosition after = cursor == null ? null : decode(cursor);
        return Blocking.call(() -> {
            FlowQueries.DepositPage page = flows.depositsForReview(size, after);
            return new Page(page.deposits().stream().map(DepositController::view).toList(),
                    page.next() == null ? null : encode(page.next()));
        });
    }

    private static View view(FlowQueries.Deposit d) {
        return new View(d.paymentId(), d.userId(), d.currency(), d.status(), d.creditedTotal().toPlainString(), d.credits(),
                d.notifications(), d.reviewRequired(), d.reviewReason(), d.firstNotifiedAt(), d.lastNotifiedAt());
    }

    private static String encode(FlowQueries.DepositPosition position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (position.firstNotifiedAt().toEpochMilli() + "|" + position.paymentId()).getBytes(StandardCharsets.UTF_8));
    }

    private static FlowQueries.DepositPosition decode(String cursor) {
        try {
            if (cursor.length() > 200) {
                throw new IllegalArgumentException("too long");
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.indexOf('|');
            return new FlowQueries.DepositPosition(Instant.ofEpochMilli(Long.parseLong(text.substring(0, bar))),
                    Identifiers.require("payment_id", text.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "cursor", RuleViolation.Rule.CURSOR_NOT_ISSUED, "cursor is not one this API gave out");
        }
    }
}
