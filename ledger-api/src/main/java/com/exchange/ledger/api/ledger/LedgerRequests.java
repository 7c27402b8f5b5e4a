package com.exchange.ledger.api.ledger;

import com.fasterxml.jackson.databind.JsonNode;

/** The bodies of the generic ledger commands (docs/api.md); snake_case on the wire. */
public final class LedgerRequests {

    private LedgerRequests() {
    }

    record Movement(String operationId, String userId, String currency, JsonNode amount, String reason, String counterAccount) {
    }

    record Hold(String holdId, String userId, String currency, JsonNode amount, String reason) {
    }

    record Release(String toUserId, JsonNode fee, String destination) {
    }

    record Transfer(String transferId, String fromUserId, String toUserId, String currency, JsonNode amount, JsonNode fee) {
    }

    /** What every money-moving command answers: the account's balances as written by its event. */
    public record Outcome(String operationId, String userId, String currency, String availableBalance, String lockedBalance,
                   String savingsBalance, String totalBalance) {
    }
}
