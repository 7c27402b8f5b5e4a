package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Compensation, sent by the transfer policy when the recipient refused: the sender gets the money and the fee back. */
public record ReturnTransfer(@TargetAggregateIdentifier AccountId account, TransferOrigin origin, TransferId transferId,
                             Money amount, Money fee, String reason) implements WalletCommand {

    public ReturnTransfer {
        Reasons.required(account, "account");
        Reasons.required(origin, "origin");
        Reasons.required(transferId, "transfer id");
        Reasons.positive(amount, "amount");
        Reasons.required(fee, "fee").requireNotNegative("fee");
        reason = Reasons.reason(reason);
    }

    @Override
    public String operationKey() {
        return TransferReturned.key(origin, transferId);
    }

    @Override
    public boolean sameIntentAs(WalletEvent earlier) {
        return earlier instanceof TransferReturned e && e.amount().equals(amount) && e.fee().equals(fee);
    }
}
