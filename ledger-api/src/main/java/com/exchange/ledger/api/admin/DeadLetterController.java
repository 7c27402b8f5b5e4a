package com.exchange.ledger.api.admin;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The events read models parked: list them, handle a group's again. */
@RestController
@RequestMapping("/api/admin/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    Mono<DeadLetters.Listing> list() {
        return Mono.fromCallable(deadLetters::list).subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/{processingGroup}/retry")
    Mono<DeadLetters.Retried> retry(@PathVariable String processingGroup) {
        return Mono.fromCallable(() -> deadLetters.retry(processingGroup)).subscribeOn(Schedulers.boundedElastic());
    }
}
