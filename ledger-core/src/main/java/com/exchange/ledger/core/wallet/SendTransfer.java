package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The first leg of a transfer: {@code amount} leaves the sender's available balance; the recipient will receive
 * {@code amount - fee}, the fee goes to system:fees. Until the second leg lands the money is in transit:transfers.
 */
public record SendTransfer(@TargetAggregateIdentifier AccountId account, TransferId transferId, AccountId recipient,
                           Money amount, Money fee) implements WalletCommand {

    public SendTransfer {
        Reasons.required(account, "account");
        Reasons.required(transferId, "transfer id");
        Reasons.required(recipient, "recipient");
        Reasons.positive(amount, "amount");
        fee = Reasons.fee(fee, amount);
        if (recipient.equals(account)) {
            throw LedgerRejection.invalid(RejectionCode.SAME_ACCOUNT, "to_user_id", RuleViolation.Rule.ACCOUNTS_MUST_DIFFER, "sender and recipient must differ");
        }
        if (!recipient.currency().equals(account.currency())) {
            throw LedgerRejection.invalid(RejectionCode.CURRENCY_MISMATCH, "currency", RuleViolation.Rule.CURRENCY_MISMATCH, "recipient account must be in %s", account.currency());
        }
    }

    @Override
    public String operationKey() {
        return TransferSent.key(transferId);
    }

    @Override
    public boolean sameIntentAs(WalletEvent earlier) {
        return earlier instanceof TransferSent e && e.recipient().equals(recipient)
                && e.amount().equals(amount) && e.fee().equals(fee);
    }
}
