package com.exchange.ledger.api.audit;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.projections.audit.ReconciliationReport;
import com.exchange.ledger.projections.audit.Reconciler;
import com.exchange.ledger.projections.chain.ChainVerifier;
import com.exchange.ledger.projections.chain.Checkpoints;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** The auditor's endpoints: the full replay, the event log's hash chain, an account's event stream, an account's balance at an instant. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final Reconciler reconciler;
    private final AccountHistory history;
    private final CurrencyTable currencies;
    private final LedgerStateQueries state;
    private final ChainVerifier chainVerifier;
    private final Checkpoints checkpoints;
    private final Clock clock = Clock.systemUTC();

    AuditController(Reconciler reconciler, AccountHistory history, CurrencyTable currencies, LedgerStateQueries state,
                    ChainVerifier chainVerifier, Checkpoints checkpoints) {
        this.chainVerifier = chainVerifier;
        this.checkpoints = checkpoints;
        this.reconciler = reconciler;
        this.history = history;
        this.currencies = currencies;
        this.state = state;
    }

    /** The oldest age a hold is asked about: a hundred years (older asks for an instant before any the store holds). */
    static final long MAX_AGE_MINUTES = Duration.ofDays(36_525).toMinutes();
    /** The instants an auditor may ask a balance at: the store's dates and the ISO-8601 years without a sign. */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    @GetMapping("/holds")
    Mono<java.util.List<java.util.Map<String, Object>>> openHolds(@RequestParam(name = "older_than_minutes", defaultValue = "0") long olderThanMinutes) {
        if (olderThanMinutes < 0 || olderThanMinutes > MAX_AGE_MINUTES) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "older_than_minutes", RuleViolation.Rule.OUT_OF_RANGE, "older_than_minutes must be 0-%d (a hundred years)", MAX_AGE_MINUTES);
        }
        return state.openHolds(Duration.ofMinutes(olderThanMinutes), clock.instant());
    }

    @GetMapping("/system-balances")
    Mono<java.util.List<java.util.Map<String, Object>>> systemBalances() {
        return state.systemBalances();
    }

    @GetMapping("/transfers")
    Mono<java.util.List<java.util.Map<String, Object>>> transfers(@RequestParam(defaultValue = "in_flight") String state) {
        if (!java.util.Set.of("in_flight", "received", "returned").contains(state)) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "state", RuleViolation.Rule.UNKNOWN_VALUE, "state must be in_flight, received or returned");
        }
        return this.state.transfers(state);
    }

    @GetMapping("/reconciliation")
    Mono<ReconciliationReport> reconciliation(@RequestParam(name = "stuck_after_hours", defaultValue = "24") int stuckAfterHours) {
        if (stuckAfterHours < 1 || stuckAfterHours > 24 * 365) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "stuck_after_hours", RuleViolation.Rule.OUT_OF_RANGE, "stuck_after_hours must be 1-8760");
        }
        return Mono.fromCallable(() -> reconciler.run(Duration.ofHours(stuckAfterHours), clock.instant()))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Verifies the event log's hash chain (docs/adr/0013-tamper-evident-log.md) from the genesis, or from a checkpoint
     * the auditor trusts, and names the first position where it breaks.
     */
    @GetMapping("/chain")
    Mono<ChainReport> chain(@RequestParam(name = "from_checkpoint", required = false) Long fromCheckpoint) {
        if (fromCheckpoint != null && fromCheckpoint < 0) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "from_checkpoint", RuleViolation.Rule.OUT_OF_RANGE, "from_checkpoint must be a position, 0 or more");
        }
        OptionalLong from = fromCheckpoint == null ? OptionalLong.empty() : OptionalLong.of(fromCheckpoint);
        return Mono.fromCallable(() -> ChainReport.of(chainVerifier.verify(from), checkpoints.latest().orElse(null)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** The most checkpoints one page of the export holds. */
    static final int MAX_CHECKPOINTS = 1_000;

    /**
     * The checkpoints after a position, oldest first: what an auditor copies out and signs (position, the chain value
     * there, when it was sealed), to verify from later with {@code from_checkpoint}.
     */
    @GetMapping("/checkpoints")
    Mono<CheckpointPage> checkpoints(@RequestParam(defaultValue = "-1") long after, @RequestParam(defaultValue = "100") int limit) {
        if (after < -1 || limit < 1 || limit > MAX_CHECKPOINTS) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, after < -1 ? "after" : "limit", RuleViolation.Rule.OUT_OF_RANGE, "after must be a position (-1 for the first) and limit 1-%d", MAX_CHECKPOINTS);
        }
        return Mono.fromCallable(() -> CheckpointPage.of(checkpoints.page(after, limit), limit)).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/accounts/{userId}/{currency}/events")
    Mono<AccountHistory.EventPage> events(@PathVariable String userId, @PathVariable String currency,
                                          @RequestParam(name = "from_sequence", defaultValue = "0") long fromSequence,
                                          @RequestParam(defaultValue = "100") int limit) {
        if (fromSequence < 0 || limit < 1 || limit > AccountHistory.MAX_PAGE) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, fromSequence < 0 ? "from_sequence" : "limit", RuleViolation.Rule.OUT_OF_RANGE, "from_sequence must be >= 0 and limit 1-%d", AccountHistory.MAX_PAGE);
        }
        if (isSystem(userId)) {
            SystemAccount system = SystemAccount.of(userId);
            String code = currencies.require(currency).code();
            return Mono.fromCallable(() -> history.systemEvents(system, code, fromSequence, limit)).subscribeOn(Schedulers.boundedElastic());
        }
        AccountId account = account(userId, currency);
        return Mono.fromCallable(() -> history.events(account, fromSequence, limit)).subscribeOn(Schedulers.boundedElastic());
    }

    @ApiResponse(responseCode = "200", description = "a user's balance, or a system account's (system:fees)",
            content = @Content(mediaType = "application/json", schema = @Schema(
                    oneOf = {AccountHistory.BalanceAt.class, AccountHistory.SystemBalanceAt.class})))
    @GetMapping("/accounts/{userId}/{currency}/balance")
    Mono<?> balanceAt(@PathVariable String userId, @PathVariable String currency,
                                             @RequestParam(required = false) String at) {
        Instant instant;
        try {
            instant = at == null ? clock.instant() : Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "at", RuleViolation.Rule.INVALID_FORMAT, "at must be an ISO-8601 instant like 2026-11-24T12:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "at", RuleViolation.Rule.OUT_OF_RANGE, "at must be from %s to %s", EARLIEST, LATEST);
        }
        if (isSystem(userId)) {
            SystemAccount system = SystemAccount.of(userId);
            var code = currencies.require(currency);
            return Mono.fromCallable(() -> history.systemBalanceAt(system, code, instant)).subscribeOn(Schedulers.boundedElastic());
        }
        AccountId account = account(userId, currency);
        return Mono.fromCallable(() -> history.balanceAt(account, instant)).subscribeOn(Schedulers.boundedElastic());
    }

    /** A user id never holds a colon; a system account's name always does ({@code system:fees}). */
    private static boolean isSystem(String accountName) {
        return accountName.indexOf(':') > 0;
    }

    private AccountId account(String userId, String currency) {
        return new AccountId(UserId.of(userId), currencies.require(currency).code());
    }
}
