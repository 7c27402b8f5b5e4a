package com.exchange.ledger.api.expressbuy;

import com.exchange.ledger.api.flow.Blocking;
import com.exchange.ledger.api.flow.FlowViews;
import com.exchange.ledger.api.ledger.Amounts;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.PlaceExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyState;
import com.exchange.ledger.core.expressbuy.ExpressBuyStatus;
import com.exchange.ledger.core.expressbuy.OrderId;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.Identifiers;
import com.exchange.ledger.core.shared.UserId;
import com.fasterxml.jackson.databind.JsonNode;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.projections.flows.FlowQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;

/**
 * Express buy (docs/api.md): a confirmed fiat payment credits crypto from system:treasury. Once per order (the order's
 * aggregate) and once per payment reference (see {@link ExpressBuyOrders}: a second order quoting the same payment is
 * refused with 409 and records nothing).
 */
@RestController
class ExpressBuyController {

    record Request(String orderId, String userId, String fiatCurrency, JsonNode fiatAmount, String currency, JsonNode amount,
                   JsonNode fee, String paymentRef) {
    }

    record View(String orderId, String userId, String currency, String amount, String fee, String credited, String fiatCurrency,
                String fiatAmount, String paymentRef, String status, Instant placedAt) {
    }

    /** An order as the flows view has it (scope ledger:read): a refused one too, with the code it was refused with. */
    record Recorded(String orderId, String userId, String currency, String amount, String fee, String credited, String fiatCurrency,
                    String fiatAmount, String paymentRef, String status, Instant placedAt, String refusalCode) {
    }

    private final ExpressBuyOrders orders;
    private final CurrencyTable currencies;
    private final Clock clock;
    private final FlowQueries flows;

    ExpressBuyController(ExpressBuyOrders orders, CurrencyTable currencies, Clock clock, FlowQueries flows) {
        this.flows = flows;
        this.orders = orders;
        this.currencies = currencies;
        this.clock = clock;
    }

    @PostMapping("/api/express-buy")
    Mono<View> buy(@RequestBody Request body) {
        return Blocking.call(() -> {
            Currency fiat = currencies.require(body.fiatCurrency(), "fiat_currency");
            Currency crypto = currencies.require(body.currency());
            PlaceExpressBuy order = new PlaceExpressBuy(OrderId.of(body.orderId()), new AccountId(UserId.of(body.userId()), crypto.code()),
                    Amounts.required(body.fiatAmount(), fiat, "fiat_amount"), Amounts.required(body.amount(), crypto, "amount"),
                    body.fee() == null ? crypto.zero() : Amounts.required(body.fee(), crypto, "fee"),
                    Identifiers.require("payment_ref", body.paymentRef()), clock.instant());
            return view(orders.place(order));
        });
    }

    @GetMapping("/api/express-buy/{orderId}")
    Mono<Recorded> one(@PathVariable String orderId) {
        return Blocking.call(() -> flows.expressBuy(OrderId.of(orderId).value())
                .map(o -> new Recorded(o.orderId(), o.userId(), o.currency(), o.amount().toPlainString(), o.fee().toPlainString(),
                        o.amount().subtract(o.fee()).toPlainString(), o.fiatCurrency(), o.fiatAmount().toPlainString(), o.paymentRef(),
                        o.status(), o.placedAt(), o.refusalCode()))
                .orElseThrow(() -> LedgerRejection.of(RejectionCode.NOT_FOUND, "no express buy %s", orderId)));
    }

    private static View view(ExpressBuyState state) {
        if (state.status() == ExpressBuyStatus.REFUSED) {
            throw FlowViews.refusal(state.refusal(), state.refusalDetail());
        }
        return new View(state.orderId().value(), state.account().user().value(), state.account().currency(),
                FlowViews.plain(state.amount()), FlowViews.plain(state.fee()), FlowViews.plain(state.amount().minus(state.fee())),
                state.fiatAmount().currency(), FlowViews.plain(state.fiatAmount()), state.paymentRef(),
                state.status().name().toLowerCase(), state.placedAt());
    }
}
