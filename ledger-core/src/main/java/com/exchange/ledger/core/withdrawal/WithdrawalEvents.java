package com.exchange.ledger.core.withdrawal;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;

import java.time.Instant;

/** What happens to a withdrawal. Decisions carry what settling them needs, so the settlement reads nothing else. */
public final class WithdrawalEvents {

    private WithdrawalEvents() {
    }

    /** Everything that can happen to a withdrawal: a switch over it is exhaustive; StoredTypes names each one. */
    public sealed interface WithdrawalEvent permits
            WithdrawalRequested, WithdrawalFundsLocked, WithdrawalRefused, WithdrawalApproved, WithdrawalRejected {

        WithdrawalId withdrawalId();
    }

    public record WithdrawalRequested(WithdrawalId withdrawalId, AccountId account, Money amount, Money fee, String address,
                                      Instant requestedAt) implements WithdrawalEvent {
        public Money total() {
            return amount.plus(fee);
        }
    }

    public record WithdrawalFundsLocked(WithdrawalId withdrawalId) implements WithdrawalEvent {
    }

    public record WithdrawalRefused(WithdrawalId withdrawalId, RejectionCode code, String detail) implements WithdrawalEvent {
    }

    /** {@code decidedByKeyName}: the API key that decided; null in decisions recorded before it was kept. */
    public record WithdrawalApproved(WithdrawalId withdrawalId, AccountId account, Money fee, String decidedBy,
                                     Instant decidedAt, String decidedByKeyName) implements WithdrawalEvent {
        public WithdrawalApproved(WithdrawalId withdrawalId, AccountId account, Money fee, String decidedBy, Instant decidedAt) {
            this(withdrawalId, account, fee, decidedBy, decidedAt, null);
        }
    }

    /** {@code decidedByKeyName} as in {@link WithdrawalApproved}. */
    public record WithdrawalRejected(WithdrawalId withdrawalId, AccountId account, String reason, String decidedBy,
                                     Instant decidedAt, String decidedByKeyName) implements WithdrawalEvent {
        public WithdrawalRejected(WithdrawalId withdrawalId, AccountId account, String reason, String decidedBy, Instant decidedAt) {
            this(withdrawalId, account, reason, decidedBy, decidedAt, null);
        }
    }
}
