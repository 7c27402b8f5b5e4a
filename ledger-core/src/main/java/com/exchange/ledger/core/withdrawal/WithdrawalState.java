package com.exchange.ledger.core.withdrawal;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;

import java.time.Instant;

/** A withdrawal as its events left it: what every withdrawal command answers. */
public record WithdrawalState(WithdrawalId withdrawalId, AccountId account, Money amount, Money fee, String address,
                              WithdrawalStatus status, Instant requestedAt, String decidedBy, Instant decidedAt,
                              String reason, RejectionCode refusal, String decidedByKeyName) {

    public WithdrawalState(WithdrawalId withdrawalId, AccountId account, Money amount, Money fee, String address,
                           WithdrawalStatus status, Instant requestedAt, String decidedBy, Instant decidedAt, String reason,
                           RejectionCode refusal) {
        this(withdrawalId, account, amount, fee, address, status, requestedAt, decidedBy, decidedAt, reason, refusal, null);
    }
}
