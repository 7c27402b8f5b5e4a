package com.exchange.ledger.core.wallet;

import com.exchange.ledger.core.shared.*;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The second leg of a transfer, sent by the transfer policy: the money in transit arrives at the recipient. */
public record ReceiveTransfer(@TargetAggregateIdentifier AccountId account, TransferOrigin origin, TransferId transferId,
                              AccountId sender, Money amount) implements WalletCommand {

    public ReceiveTransfer {
        Reasons.required(account, "account");
        Reasons.required(origin, "origin");
        Reasons.required(transferId, "transfer id");
        Reasons.required(sender, "sender");
        Reasons.positive(amount, "amount");
    }

    @Override
    public String operationKey() {
        return TransferReceived.key(origin, sender, transferId);
    }

    @Override
    public boolean sameIntentAs(WalletEvent earlier) {
        return earlier instanceof TransferReceived e && e.amount().equals(amount);
    }
}
