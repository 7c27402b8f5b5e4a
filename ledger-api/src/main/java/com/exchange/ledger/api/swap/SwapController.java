package com.exchange.ledger.api.swap;

import com.exchange.ledger.api.flow.Blocking;
import com.exchange.ledger.api.flow.FlowViews;
import com.exchange.ledger.api.ledger.Amounts;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.swap.SwapCommands.RequestSwap;
import com.exchange.ledger.core.swap.SwapId;
import com.exchange.ledger.core.swap.SwapProcess;
import com.exchange.ledger.core.swap.SwapState;
import com.exchange.ledger.core.swap.SwapStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.exchange.ledger.projections.flows.FlowQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/** Swaps (docs/api.md): one currency for another at the caller's rate, all or nothing. */
@RestController
class SwapController {

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,20}(\\.[0-9]{1,18})?");

    record Request(String swapId, String userId, String fromCurrency, String toCurrency, JsonNode fromAmount, JsonNode rate,
                   String feeCurrency, JsonNode fee) {
    }

    record View(String swapId, String userId, String fromCurrency, String toCurrency, String fromAmount, String toAmount,
                String rate, String feeCurrency, String fee, String status, Instant requestedAt) {
    }

    /** A swap as the flows view has it (scope ledger:read): a refused one too, with the code it was refused with. */
    record Recorded(String swapId, String userId, String fromCurrency, String toCurrency, String fromAmount, String toAmount,
                    String rate, String feeCurrency, String fee, String status, Instant requestedAt, String refusalCode) {
    }

    private final SwapProcess swaps;
    private final CurrencyTable currencies;
    private final Clock clock;
    private final FlowQueries flows;

    SwapController(SwapProcess swaps, CurrencyTable currencies, Clock clock, FlowQueries flows) {
        this.flows = flows;
        this.swaps = swaps;
        this.currencies = currencies;
        this.clock = clock;
    }

    @PostMapping("/api/swaps")
    Mono<View> swap(@RequestBody Request body) {
        return Blocking.call(() -> {
            Currency from = currencies.require(body.fromCurrency(), "from_currency");
            Currency to = currencies.require(body.toCurrency(), "to_currency");
            Currency feeCurrency = body.feeCurrency() == null ? from : currencies.require(body.feeCurrency(), "fee_currency");
            RequestSwap request = new RequestSwap(SwapId.of(body.swapId()), UserId.of(body.userId()),
                    Amounts.required(body.fromAmount(), from, "from_amount"), to, rate(body.rate()),
                    body.fee() == null ? feeCurrency.zero() : Amounts.required(body.fee(), feeCurrency, "fee"), clock.instant());
            return view(swaps.request(request));
        });
    }

    @GetMapping("/api/swaps/{swapId}")
    Mono<Recorded> one(@PathVariable String swapId) {
        return Blocking.call(() -> flows.swap(SwapId.of(swapId).value())
                .map(s -> new Recorded(s.swapId(), s.userId(), s.fromCurrency(), s.toCurrency(), s.fromAmount().toPlainString(),
                        s.toAmount().toPlainString(), s.rate(), s.feeCurrency(), s.fee().toPlainString(), s.status(), s.requestedAt(),
                        s.refusalCode()))
                .orElseThrow(() -> LedgerRejection.of(RejectionCode.NOT_FOUND, "no swap %s", swapId)));
    }

    /** A rate is exact: a decimal string, or a JSON number read as an exact decimal. */
    private static BigDecimal rate(JsonNode node) {
        if (node != null && node.isTextual() && DECIMAL.matcher(node.textValue()).matches()) {
            return new BigDecimal(node.textValue());
        }
        if (node != null && node.isNumber() && !node.isFloatingPointNumber() || node != null && node.isBigDecimal()) {
            return node.decimalValue();
        }
        throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "rate", RuleViolation.Rule.INVALID_FORMAT, "rate must be a positive decimal string like \"65000.5\"");
    }

    private static View view(SwapState state) {
        if (state.status() == SwapStatus.REFUSED) {
            throw FlowViews.refusal(state.refusal(), state.refusalDetail());
        }
        return new View(state.swapId().value(), state.fromAccount().user().value(), state.fromAccount().currency(),
                state.toAccount().currency(), FlowViews.plain(state.fromAmount()), FlowViews.plain(state.toAmount()),
                state.rate().toPlainString(), state.fee().currency(), FlowViews.plain(state.fee()), state.status().name().toLowerCase(),
                state.requestedAt());
    }
}
