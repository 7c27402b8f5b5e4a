package com.exchange.ledger.api.statement;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.UserId;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Statements over HTTP: the auditors' under {@code /api/audit} (scope {@code ledger:audit}), a user's own beside the
 * wallet reads under {@code /api/wallets} (scope {@code ledger:read}). Both are the same statement; the form follows
 * {@code Accept}: {@code text/csv} or JSON.
 */
@RestController
class StatementController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    /** Lines written per chunk: small writes cost a flush each, a chunk of this many stays a few kilobytes. */
    private static final int LINES_PER_CHUNK = 64;

    private final Statements statements;
    private final StatementForms forms;
    private final CurrencyTable currencies;

    StatementController(Statements statements, StatementForms forms, CurrencyTable currencies) {
        this.statements = statements;
        this.forms = forms;
        this.currencies = currencies;
    }

    @ApiResponse(responseCode = "200", description = "the statement; text/csv when asked for with Accept", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Statement.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @GetMapping(path = {"/api/audit/accounts/{userId}/{currency}/statement", "/api/wallets/statements/{userId}/{currency}"},
            produces = {"application/json", "text/csv"})
    ResponseEntity<Flux<DataBuffer>> statement(@PathVariable String userId, @PathVariable String currency,
                                               @RequestParam String from, @RequestParam String to,
                                               @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        // everything is checked before the first byte: once the answer streams, a refusal can no longer be problem+json
        AccountId account = new AccountId(UserId.of(userId), currencies.require(currency).code());
        StatementRange range = StatementRange.parse(from, to);
        Flux<StatementLine> lines = statements.of(account, range);
        boolean csv = wantsCsv(accept);
        Flux<String> text = csv ? forms.csv(range, lines) : forms.json(account, range, lines);
        Flux<DataBuffer> body = text.buffer(LINES_PER_CHUNK)
                .map(chunk -> DefaultDataBufferFactory.sharedInstance.wrap(String.join("", chunk).getBytes(StandardCharsets.UTF_8)));
        return ResponseEntity.ok().contentType(csv ? CSV : MediaType.APPLICATION_JSON).body(body);
    }

    /** CSV when the caller prefers it to JSON (of equal quality, the one named first); JSON for no Accept or a wildcard. */
    static boolean wantsCsv(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
        // stable: of equal quality, the one the caller named first
        accepted.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : accepted) {
            if (type.isWildcardType() || type.isWildcardSubtype() || type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return false;
            }
            if (type.isCompatibleWith(CSV)) {
                return true;
            }
        }
        return false;
    }
}
