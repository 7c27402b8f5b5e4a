package com.exchange.ledger.api.audit;

import com.exchange.ledger.projections.holds.OpenHoldsQueries;
import com.exchange.ledger.projections.system.SystemBalancesQueries;
import com.exchange.ledger.projections.transfers.TransfersQueries;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The exchange-wide views for operations and auditors: open holds with their age, system balances, transfers. */
@Service
public class LedgerStateQueries {

    public static final int MAX_ROWS = 1_000;

    private final OpenHoldsQueries holds;
    private final SystemBalancesQueries systemBalances;
    private final TransfersQueries transfers;

    public LedgerStateQueries(OpenHoldsQueries holds, SystemBalancesQueries systemBalances, TransfersQueries transfers) {
        this.holds = holds;
        this.systemBalances = systemBalances;
        this.transfers = transfers;
    }

    /** Holds older than {@code minimumAge}, oldest first, each with its age in seconds. */
    public Mono<List<Map<String, Object>>> openHolds(Duration minimumAge, Instant now) {
        return Flux.from(holds.openLockedAtOrBefore(now.minus(minimumAge), MAX_ROWS))
                .map(hold -> {
                    Map<String, Object> row = plain(hold);
                    row.put("age_seconds", Duration.between(OpenHoldsQueries.lockedAt(hold), now).toSeconds());
                    return row;
                })
                .collectList();
    }

    public Mono<List<Map<String, Object>>> systemBalances() {
        return Flux.from(systemBalances.all())
                .map(LedgerStateQueries::plain).collectList();
    }

    public Mono<List<Map<String, Object>>> transfers(String state) {
        return Flux.from(transfers.inState(state, MAX_ROWS))
                .map(LedgerStateQueries::plain).collectList();
    }

    /** The store's own keys: what a row is called inside the store, never part of an answer (its fields name it). */
    private static final java.util.Set<String> INTERNAL = java.util.Set.of("_id", "seq", "token", "token_type");

    /** A stored document as JSON-ready values: Decimal128 as a plain decimal string, dates as instants. */
    static Map<String, Object> plain(Document document) {
        Map<String, Object> row = new LinkedHashMap<>();
        document.forEach((key, value) -> {
            if (!INTERNAL.contains(key)) {
                row.put(key, plainValue(value));
            }
        });
        return row;
    }

    private static Object plainValue(Object value) {
        if (value instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue().toPlainString();
        } else if (value instanceof java.util.Date date) {
            return date.toInstant();
        } else if (value instanceof Document nested) {
            return plain(nested);
        }
        return value;
    }
}
