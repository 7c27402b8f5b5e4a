package com.exchange.ledger.projections.chain;

import com.exchange.ledger.projections.eventstore.EventHash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The chain's arithmetic, small enough to restate in the ADR: the chain value before the first sealed position is
 * SHA-256 of {@code ledger-chain/1 genesis <position>}; each position's value is SHA-256 of the previous value and
 * that position's {@link EventHash} (32 bytes each). The value at a position does not depend on where checkpoints cut
 * the stream, so every sealer computes the same one.
 */
public final class HashChain {

    private HashChain() {
    }

    public static byte[] genesis(long position) {
        return EventHash.sha256().digest(("ledger-chain/1 genesis " + position).getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] next(byte[] previous, byte[] eventHash) {
        MessageDigest digest = EventHash.sha256();
        digest.update(previous);
        digest.update(eventHash);
        return digest.digest();
    }
}
