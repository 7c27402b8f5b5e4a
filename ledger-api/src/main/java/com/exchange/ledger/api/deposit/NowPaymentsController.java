package com.exchange.ledger.api.deposit;

import com.exchange.ledger.api.error.ProblemResponses;
import com.exchange.ledger.api.flow.Blocking;
import com.exchange.ledger.core.shared.RuleViolation;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.util.List;

import static com.exchange.ledger.api.error.ProblemResponses.problem;

/**
 * The NOWPayments IPN callback (docs/api.md): authenticated by its signature only. A good callback is recorded on the
 * payment's deposit ({@link NowPaymentsCallbacks}), which credits what arrived and never more (see {@code Deposit}); a
 * bad or missing signature is 401 {@code INVALID_SIGNATURE} and records nothing. A signed number the signature cannot
 * pin is 400 {@code NUMBER_NOT_SIGNED} rather than 401: the signature is right, the body carries a value no signature
 * can fix, which the gateway's own JavaScript never writes.
 */
@RestController
class NowPaymentsController {

    private static final Logger log = LoggerFactory.getLogger(NowPaymentsController.class);

    private final NowPaymentsCallbacks callbacks;

    NowPaymentsController(NowPaymentsCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    /**
     * What the published contract shows of the callback: the fields the ledger reads (docs/api.md). The body is read as
     * bytes (the signature covers them), so this record only documents it; the gateway sends more fields, all kept.
     */
    @Schema(name = "NowPaymentsCallback", additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
    record Callback(@Schema(description = "the gateway's payment id") JsonNode paymentId,
                    @Schema(description = "credits on finished (and partially_paid with the paid part)") String paymentStatus,
                    @Schema(description = "the gateway's ticker, e.g. usdttrc20") String payCurrency,
                    JsonNode actuallyPaid,
                    JsonNode payAmount,
                    @Schema(description = "the ledger's user id (a string, or a JSON number)") String orderId) {
    }

    @Operation(summary = "The NOWPayments IPN callback: authenticated by its HMAC-SHA512 signature, no API key",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = Callback.class))),
            responses = @ApiResponse(responseCode = "200", description = "the deposit as recorded",
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = NowPaymentsCallbacks.Acknowledged.class))))
    @PostMapping("/api/payments/nowpayments/ipn")
    Mono<ResponseEntity<?>> notification(@RequestBody(required = false) byte[] body,
                                         @RequestHeader(name = "x-nowpayments-sig", required = false) String presented) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (!callbacks.authentic(bytes, presented)) {
            log.warn("payment callback refused: {} signature", presented == null ? "missing" : "invalid");
            ProblemDetail refused = problem(HttpStatus.UNAUTHORIZED, "INVALID_SIGNATURE",
                    "x-nowpayments-sig is missing or does not match the body");
            return Mono.just(ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(refused));
        }
        return Blocking.call(() -> ResponseEntity.ok(callbacks.record(bytes)));
    }

    @ExceptionHandler(NowPaymentsCallbacks.NumberNotSigned.class)
    ResponseEntity<ProblemDetail> numberNotSigned(NowPaymentsCallbacks.NumberNotSigned refused) {
        log.warn("payment callback refused: {}", refused.getMessage());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.withViolations(problem(HttpStatus.BAD_REQUEST, "NUMBER_NOT_SIGNED", refused.getMessage()),
                        List.of(new RuleViolation(refused.field, RuleViolation.Rule.NUMBER_NOT_SIGNED))));
    }
}
