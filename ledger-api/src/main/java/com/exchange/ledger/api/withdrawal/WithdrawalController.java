package com.exchange.ledger.api.withdrawal;

import com.exchange.ledger.api.flow.Blocking;
import com.exchange.ledger.api.flow.FlowViews;
import com.exchange.ledger.api.ledger.Amounts;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.withdrawal.RequestWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.ApproveWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalCommands.RejectWithdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalId;
import com.exchange.ledger.core.withdrawal.WithdrawalProcess;
import com.exchange.ledger.core.withdrawal.WithdrawalState;
import com.exchange.ledger.core.withdrawal.WithdrawalStatus;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;

/**
 * Withdrawals (api.md): a product backend requests one (amount + fee locked), an admin approves or rejects it once.
 * Every answer is the withdrawal as recorded; a refused request answers its refusal, also when repeated.
 */
@RestController
@RequestMapping("/api/withdrawals")
class WithdrawalController {

    record Request(String withdrawalId, String userId, String currency, JsonNode amount, JsonNode fee, String address) {
    }

    record Decision(String reason, String adminId) {
    }

    record View(String withdrawalId, String userId, String currency, String amount, String fee, String address, String status,
                Instant requestedAt, String decidedBy, Instant decidedAt, String reason) {
    }

    private final WithdrawalProcess withdrawals;
    private final WithdrawalList list;
    private final CurrencyTable currencies;
    private final Clock clock;

    WithdrawalController(WithdrawalProcess withdrawals, WithdrawalList list, CurrencyTable currencies, Clock clock) {
        this.withdrawals = withdrawals;
        this.list = list;
        this.currencies = currencies;
        this.clock = clock;
    }

    @PostMapping
    Mono<View> request(@RequestBody Request body) {
        return Blocking.call(() -> {
            Currency currency = currencies.require(body.currency());
            RequestWithdrawal request = new RequestWithdrawal(WithdrawalId.of(body.withdrawalId()),
                    new AccountId(UserId.of(body.userId()), currency.code()), Amounts.required(body.amount(), currency, "amount"),
                    body.fee() == null ? currency.zero() : Amounts.required(body.fee(), currency, "fee"), body.address(), clock.instant());
            return view(withdrawals.request(request));
        });
    }

    @PostMapping("/{withdrawalId}/approve")
    Mono<View> approve(@PathVariable String withdrawalId, @RequestBody(required = false) Decision body) {
        return Blocking.call(() -> view(withdrawals.approve(new ApproveWithdrawal(WithdrawalId.of(withdrawalId),
                decidedBy(body), clock.instant()))));
    }

    @PostMapping("/{withdrawalId}/reject")
    Mono<View> reject(@PathVariable String withdrawalId, @RequestBody(required = false) Decision body) {
        return Blocking.call(() -> view(withdrawals.reject(new RejectWithdrawal(WithdrawalId.of(withdrawalId),
                WithdrawalList.text(body == null ? null : body.reason(), "reason"), decidedBy(body), clock.instant()))));
    }

    @GetMapping
    Mono<WithdrawalList.Page> list(@RequestParam(required = false) String status, @RequestParam(name = "user_id", required = false) String userId,
                                   @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return Blocking.call(() -> list.page(status, userId, limit, cursor));
    }

    @GetMapping("/{withdrawalId}")
    Mono<WithdrawalList.Item> one(@PathVariable String withdrawalId) {
        return Blocking.call(() -> list.one(WithdrawalId.of(withdrawalId)));
    }

    private static String decidedBy(Decision body) {
        return WithdrawalList.text(body == null ? null : body.adminId(), "admin_id");
    }

    private static View view(WithdrawalState state) {
        if (state.status() == WithdrawalStatus.REFUSED) {
            throw FlowViews.refusal(state.refusal(), state.reason());
        }
        return new View(state.withdrawalId().value(), state.account().user().value(), state.account().currency(),
                FlowViews.plain(state.amount()), FlowViews.plain(state.fee()), state.address(), state.status().name().toLowerCase(),
                state.requestedAt(), state.decidedBy(), state.decidedAt(), state.reason());
    }
}
