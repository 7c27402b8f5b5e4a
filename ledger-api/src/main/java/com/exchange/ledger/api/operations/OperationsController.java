package com.exchange.ledger.api.operations;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/admin/operations}: the sampled figures of the operations page as JSON. Open to {@code ledger:admin}
 * and {@code ledger:audit}, like {@code /actuator/prometheus}, which shows the same numbers.
 */
@RestController
class OperationsController {

    private final OperationsOverview overview;

    OperationsController(OperationsOverview overview) {
        this.overview = overview;
    }

    @GetMapping("/api/admin/operations")
    Mono<OperationsOverview.View> operations() {
        return Mono.fromSupplier(overview::now);
    }
}
