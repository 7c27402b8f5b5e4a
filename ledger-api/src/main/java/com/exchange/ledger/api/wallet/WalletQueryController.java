package com.exchange.ledger.api.wallet;

import com.exchange.ledger.core.shared.UserId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The unified wallet endpoints of the deployment plan. */
@RestController
@RequestMapping("/api/wallets")
class WalletQueryController {

    private final WalletQueries queries;

    WalletQueryController(WalletQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/balances/{userId}")
    Mono<WalletViews.Balances> balances(@PathVariable String userId) {
        return Mono.fromCallable(() -> UserId.of(userId)).flatMap(queries::balances);
    }

    @GetMapping("/transactions/{userId}")
    Mono<WalletViews.TransactionPage> transactions(@PathVariable String userId,
                                                   @RequestParam(required = false) String currency,
                                                   @RequestParam(required = false) String type,
                                                   @RequestParam(defaultValue = "50") int limit,
                                                   @RequestParam(required = false) String cursor) {
        return Mono.fromCallable(() -> UserId.of(userId))
                .flatMap(user -> queries.transactions(user, currency, type, limit, cursor));
    }

    @GetMapping("/portfolio/{userId}")
    Mono<WalletViews.Portfolio> portfolio(@PathVariable String userId) {
        return Mono.fromCallable(() -> UserId.of(userId)).flatMap(queries::portfolio);
    }
}
