package com.exchange.ledger.api.trade;

import com.exchange.ledger.api.flow.Blocking;
import com.exchange.ledger.api.flow.FlowViews;
import com.exchange.ledger.api.ledger.Amounts;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.trade.TradeCommands.CancelTrade;
import com.exchange.ledger.core.trade.TradeCommands.CompleteTrade;
import com.exchange.ledger.core.trade.TradeCommands.OpenTrade;
import com.exchange.ledger.core.trade.TradeId;
import com.exchange.ledger.core.trade.TradeProcess;
import com.exchange.ledger.core.trade.TradeState;
import com.exchange.ledger.core.trade.TradeStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.exchange.ledger.projections.flows.FlowQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;

/** P2P trades (docs/api.md): open (escrow the seller's amount), complete, cancel; expiry is the ledger's own. */
@RestController
@RequestMapping("/api/p2p/trades")
class TradeController {

    record Open(String tradeId, String sellerId, String buyerId, String currency, JsonNode amount, JsonNode fee,
                JsonNode expiresInSeconds) {
    }

    record View(String tradeId, String sellerId, String buyerId, String currency, String amount, String fee, String status,
                Instant openedAt, Instant expiresAt, Instant settledAt) {
    }

    /** A trade as the flows view has it (scope ledger:read): a refused one too, with the code it was refused with. */
    record Recorded(String tradeId, String sellerId, String buyerId, String currency, String amount, String fee, String status,
                    Instant openedAt, Instant expiresAt, Instant settledAt, String refusalCode) {
    }

    private final TradeProcess trades;
    private final CurrencyTable currencies;
    private final Clock clock;
    private final FlowQueries flows;

    TradeController(TradeProcess trades, CurrencyTable currencies, Clock clock, FlowQueries flows) {
        this.flows = flows;
        this.trades = trades;
        this.currencies = currencies;
        this.clock = clock;
    }

    @PostMapping
    Mono<View> open(@RequestBody Open body) {
        return Blocking.call(() -> {
            Currency currency = currencies.require(body.currency());
            Instant now = clock.instant();
            OpenTrade open = new OpenTrade(TradeId.of(body.tradeId()), new AccountId(UserId.of(body.sellerId(), "seller_id"), currency.code()),
                    new AccountId(UserId.of(body.buyerId(), "buyer_id"), currency.code()), Amounts.required(body.amount(), currency, "amount"),
                    body.fee() == null ? currency.zero() : Amounts.required(body.fee(), currency, "fee"), now,
                    now.plusSeconds(seconds(body.expiresInSeconds())));
            return view(trades.open(open));
        });
    }

    @PostMapping("/{tradeId}/complete")
    Mono<View> complete(@PathVariable String tradeId) {
        return Blocking.call(() -> view(trades.complete(new CompleteTrade(TradeId.of(tradeId), clock.instant()))));
    }

    @PostMapping("/{tradeId}/cancel")
    Mono<View> cancel(@PathVariable String tradeId) {
        return Blocking.call(() -> view(trades.cancel(new CancelTrade(TradeId.of(tradeId), clock.instant()))));
    }

    @GetMapping("/{tradeId}")
    Mono<Recorded> one(@PathVariable String tradeId) {
        return Blocking.call(() -> flows.trade(TradeId.of(tradeId).value())
                .map(t -> new Recorded(t.tradeId(), t.sellerId(), t.buyerId(), t.currency(), t.amount().toPlainString(),
                        t.fee().toPlainString(), t.status(), t.openedAt(), t.expiresAt(), t.settledAt(), t.refusalCode()))
                .orElseThrow(() -> LedgerRejection.of(RejectionCode.NOT_FOUND, "no trade %s", tradeId)));
    }

    private static long seconds(JsonNode node) {
        if (node == null || !node.canConvertToExactIntegral() || !node.canConvertToLong()) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "expires_in_seconds", RuleViolation.Rule.EXPIRY_NOT_WHOLE_SECONDS, "expires_in_seconds must be a whole number of seconds");
        }
        long seconds = node.longValue();
        if (seconds < 1 || seconds > 30L * 24 * 3600) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "expires_in_seconds", RuleViolation.Rule.EXPIRY_OUT_OF_RANGE, "expires_in_seconds must be 1 to %d", 30L * 24 * 3600);
        }
        return seconds;
    }

    private static View view(TradeState state) {
        if (state.status() == TradeStatus.REFUSED) {
            throw FlowViews.refusal(state.refusal(), state.refusalDetail());
        }
        return new View(state.tradeId().value(), state.seller().user().value(), state.buyer().user().value(), state.seller().currency(),
                FlowViews.plain(state.amount()), FlowViews.plain(state.fee()), state.status().name().toLowerCase(), state.openedAt(),
                state.expiresAt(), state.settledAt());
    }
}
