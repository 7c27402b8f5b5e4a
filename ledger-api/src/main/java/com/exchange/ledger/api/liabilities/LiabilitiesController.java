package com.exchange.ledger.api.liabilities;

import com.exchange.ledger.core.liabilities.LiabilityProof;
import com.exchange.ledger.projections.liabilities.LiabilitiesRoot;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The root under {@code /api/audit} (scope {@code ledger:audit}), a user's proof beside the wallet reads (scope
 * {@code ledger:read}). Both read the store with the blocking driver, off the event loop.
 */
@RestController
class LiabilitiesController {

    private final Liabilities liabilities;

    LiabilitiesController(Liabilities liabilities) {
        this.liabilities = liabilities;
    }

    @GetMapping("/api/audit/liabilities/{currency}")
    Mono<LiabilitiesRoot> root(@PathVariable String currency) {
        return Mono.fromCallable(() -> liabilities.publishedRoot(currency)).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/api/wallets/liabilities-proof/{userId}/{currency}")
    Mono<LiabilityProof> proof(@PathVariable String userId, @PathVariable String currency) {
        return Mono.fromCallable(() -> liabilities.proof(userId, currency)).subscribeOn(Schedulers.boundedElastic());
    }
}
