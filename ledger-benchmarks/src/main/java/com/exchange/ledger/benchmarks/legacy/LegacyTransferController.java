package com.exchange.ledger.benchmarks.legacy;

import com.exchange.ledger.api.ledger.Amounts;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.wallet.SendTransfer;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Maps {@code POST /api/benchmark/legacy/transfers} to {@link LegacyLedger#transfer}. The body is read and checked by
 * the same rules as the ledger's {@code POST /api/ledger/transfers} (a {@link SendTransfer} is built from it, without a
 * fee: the legacy design has none), so bad input is refused before any store command; a transfer the sender's balance
 * does not cover is 422 {@code INSUFFICIENT_FUNDS}, as the ledger answers it. The store work runs on Reactor's
 * bounded elastic pool, as the ledger's blocking commands do.
 */
@RestController
class LegacyTransferController {

    /** The body: the ledger's transfer without the fee. */
    record Transfer(String transferId, String fromUserId, String toUserId, String currency, JsonNode amount) {
    }

    /** What a legacy transfer answers: the transfer as recorded in the history (no balances: {@code $inc} returns none). */
    record Done(String transferId, String fromUserId, String toUserId, String currency, String amount) {
    }

    private final LegacyLedger legacy;
    private final CurrencyTable currencies;

    LegacyTransferController(LegacyLedger legacy, CurrencyTable currencies) {
        this.legacy = legacy;
        this.currencies = currencies;
    }

    @PostMapping(LegacyTransferEndpoint.PATH)
    Mono<Done> transfer(@RequestBody Transfer body) {
        Currency currency = currencies.require(body.currency());
        SendTransfer transfer = new SendTransfer(account(body.fromUserId(), "from_user_id", currency), TransferId.of(body.transferId()),
                account(body.toUserId(), "to_user_id", currency), Amounts.required(body.amount(), currency, "amount"), null);
        return Mono.fromCallable(() -> {
            if (!legacy.transfer(transfer.transferId(), transfer.account(), transfer.recipient(), transfer.amount())) {
                throw LedgerRejection.of(RejectionCode.INSUFFICIENT_FUNDS, "the available balance of %s does not cover %s",
                        transfer.account(), transfer.amount());
            }
            return new Done(transfer.transferId().value(), body.fromUserId(), body.toUserId(), currency.code(),
                    transfer.amount().toPlainString());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static AccountId account(String userId, String field, Currency currency) {
        return new AccountId(UserId.of(userId, field), currency.code());
    }
}
