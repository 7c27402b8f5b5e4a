package com.exchange.ledger.core.wallet;

/** What started a movement between two wallets; part of its identity, so ids of the two kinds never collide. */
public enum TransferOrigin {
    /** {@link SendTransfer}: a transfer id chosen by the caller. */
    TRANSFER,
    /** {@link ReleaseHoldToAccount}: the hold id is the transfer id. */
    HOLD_RELEASE
}
