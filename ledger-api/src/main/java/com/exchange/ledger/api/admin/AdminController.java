package com.exchange.ledger.api.admin;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Operations on the read side: rebuild a projection and follow its progress. */
@RestController
@RequestMapping("/api/admin/projections")
class AdminController {

    private final ProjectionRebuilds rebuilds;

    AdminController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @PostMapping("/{projection}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ProjectionRebuilds.Progress> rebuild(@PathVariable String projection) {
        return Mono.fromCallable(() -> rebuilds.start(projection)).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping("/{projection}")
    Mono<ProjectionRebuilds.Progress> progress(@PathVariable String projection) {
        return Mono.fromCallable(() -> rebuilds.progress(projection)).subscribeOn(Schedulers.boundedElastic());
    }
}
