package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Settles a whole hold to another user's account of the same currency (P2P escrow), less a fee to system:fees. */
public record ReleaseHoldToAccount(@TargetAggregateIdentifier AccountId account, HoldId holdId, AccountId recipient, Money fee)
        implements WalletCommand {

    public ReleaseHoldToAccount {
        Reasons.required(account, "account");
        Reasons.required(holdId, "hold id");
        Reasons.required(recipient, "recipient");
        if (recipient.equals(account)) {
            throw LedgerRejection.invalid(RejectionCode.SAME_ACCOUNT, "to_user_id", RuleViolation.Rule.ACCOUNTS_MUST_DIFFER, "a hold cannot be released to its own account");
        }
        if (!recipient.currency().equals(account.currency())) {
            throw LedgerRejection.invalid(RejectionCode.CURRENCY_MISMATCH, "currency", RuleViolation.Rule.CURRENCY_MISMATCH, "recipient account must be in %s", account.currency());
        }
        if (fee != null) {
            fee.requireNotNegative("fee");
        }
    }

    @Override
    public String operationKey() {
        return HoldReleasedToAccount.key(holdId);
    }

    @Override
    public boolean sameIntentAs(WalletEvent earlier) {
        return earlier instanceof HoldReleasedToAccount e && e.recipient().equals(recipient)
                && (fee == null ? e.fee().isZero() : e.fee().equals(fee));
    }

    @Override
    public RejectionCode conflictCode() {
        return RejectionCode.HOLD_ALREADY_SETTLED;
    }
}
