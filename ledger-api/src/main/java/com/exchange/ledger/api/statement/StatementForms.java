package com.exchange.ledger.api.statement;

import com.exchange.ledger.core.shared.AccountId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A statement's two written forms. Both are produced line by line from {@link Statements#of}: the JSON object is
 * opened with the opening balance, its {@code movements} array written one element at a time and closed with the
 * figures of the check, so neither form is ever held whole.
 */
@Component
class StatementForms {

    /** The CSV columns. Opening and closing are rows of their own, so one file carries the whole check. */
    static final String CSV_HEADER = "row,sequence,position,occurred_at,type,operation_id,counter_account,amount,balance,balanced\n";

    private final ObjectMapper json;

    StatementForms(ObjectMapper json) {
        this.json = json;
    }

    /** What the JSON form starts with; it goes on with {@code "movements":[}. */
    record Head(String account, String userId, String currency, Instant from, Instant to, BigDecimal openingBalance) {
    }

    /** What the JSON form ends with, after the movements. */
    record Foot(BigDecimal movementsTotal, long movementCount, BigDecimal closingBalance, boolean balanced) {
    }

    Flux<String> json(AccountId account, StatementRange range, Flux<StatementLine> lines) {
        return lines.index().map(indexed -> {
            StatementLine line = indexed.getT2();
            if (line instanceof StatementLine.Opening opening) {
                String head = write(new Head(account.key(), account.user().value(), account.currency(), range.from(), range.to(),
                        opening.openingBalance()));
                return head.substring(0, head.length() - 1) + ",\"movements\":[";
            }
            if (line instanceof StatementLine.Movement movement) {
                return (indexed.getT1() == 1 ? "" : ",") + write(movement);
            }
            StatementLine.Closing closing = (StatementLine.Closing) line;
            return "]," + write(new Foot(closing.movementsTotal(), closing.movementCount(), closing.closingBalance(),
                    closing.balanced())).substring(1);
        });
    }

    Flux<String> csv(StatementRange range, Flux<StatementLine> lines) {
        return Flux.concat(Flux.just(CSV_HEADER), lines.map(line -> {
            if (line instanceof StatementLine.Opening opening) {
                return row("opening", "", "", instant(range.from()), "", "", "", "", opening.openingBalance().toPlainString(), "");
            }
            if (line instanceof StatementLine.Movement m) {
                return row("movement", Long.toString(m.sequence()), m.position() == null ? "" : m.position().toString(),
                        instant(m.occurredAt()), text(m.type()), text(m.operationId()), text(m.counterAccount()),
                        m.amount().toPlainString(), m.balanceAfter().toPlainString(), "");
            }
            StatementLine.Closing c = (StatementLine.Closing) line;
            return row("closing", "", "", instant(range.to()), "", "", "", c.movementsTotal().toPlainString(),
                    c.closingBalance().toPlainString(), Boolean.toString(c.balanced()));
        }));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An instant as every answer of the API writes it (milliseconds, UTC). */
    private String instant(Instant at) {
        String quoted = write(at);
        return quoted.substring(1, quoted.length() - 1);
    }

    private static String row(String... cells) {
        return String.join(",", cells) + "\n";
    }

    /**
     * A text cell of RFC 4180: quoted when it holds a separator, a quote or a line break. A cell a spreadsheet would
     * run as a formula (ids are the clients' own text) is prefixed with a quote mark, as OWASP advises for CSV exports.
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String cell = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0;
        return quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
