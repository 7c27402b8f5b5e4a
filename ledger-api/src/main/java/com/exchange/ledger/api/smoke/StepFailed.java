package com.exchange.ledger.api.smoke;

/** A smoke-test step did not see what the deployment plan expects; the message is the reason printed after FAIL. */
final class StepFailed extends RuntimeException {

    StepFailed(String reason) {
        super(reason, null, false, false);
    }
}
