package com.exchange.ledger.api.savings;

import com.exchange.ledger.api.ledger.Amounts;
import com.exchange.ledger.api.ledger.IdempotentWalletCommands;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.wallet.MoveFromSavings;
import com.exchange.ledger.core.wallet.MoveToSavings;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Savings moves (docs/api.md): between a wallet's available balance and its savings, in either direction. */
@RestController
class SavingsController {

    record SavingsTransfer(String operationId, String userId, String currency, JsonNode amount, String direction) {
    }

    private final IdempotentWalletCommands ledger;
    private final CurrencyTable currencies;

    SavingsController(IdempotentWalletCommands ledger, CurrencyTable currencies) {
        this.ledger = ledger;
        this.currencies = currencies;
    }

    @PostMapping("/api/savings/transfers")
    Mono<?> transfer(@RequestBody SavingsTransfer body) {
        return ledger.execute(() -> {
            Currency currency = currencies.require(body.currency());
            AccountId account = new AccountId(UserId.of(body.userId()), currency.code());
            var amount = Amounts.required(body.amount(), currency, "amount");
            if ("to_savings".equals(body.direction())) {
                return new MoveToSavings(account, OperationId.of(body.operationId()), amount);
            }
            if ("from_savings".equals(body.direction())) {
                return new MoveFromSavings(account, OperationId.of(body.operationId()), amount);
            }
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "direction", RuleViolation.Rule.UNKNOWN_VALUE, "direction must be to_savings or from_savings");
        }, body.operationId());
    }
}
