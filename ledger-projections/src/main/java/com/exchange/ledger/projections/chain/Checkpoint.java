package com.exchange.ledger.projections.chain;

import com.exchange.ledger.projections.eventstore.EventHash;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One seal of the event log: the chain value at {@code position}, the value at {@code from} it continues, and the
 * hash of every position in {@code (from, position]} (32 bytes each, in order), so a verifier names the exact
 * position that no longer matches. The genesis checkpoint has {@code from == position} and no hashes.
 * {@code (position, chain, sealedAt)} is what an auditor exports and signs outside the ledger.
 */
public record Checkpoint(long position, long from, byte[] previous, byte[] chain, byte[] hashes, Instant sealedAt) {

    public Checkpoint {
        if (position < from || hashes.length != (position - from) * EventHash.BYTES) {
            throw new IllegalArgumentException("checkpoint " + position + " from " + from + " holds "
                    + hashes.length / EventHash.BYTES + " hashes");
        }
    }

    static Checkpoint genesis(long position, Instant at) {
        byte[] chain = HashChain.genesis(position);
        return new Checkpoint(position, position, chain, chain, new byte[0], at);
    }

    public boolean isGenesis() {
        return position == from;
    }

    /** The sealed hash of a position this checkpoint covers. */
    byte[] hashAt(long at) {
        int offset = (int) (at - from - 1) * EventHash.BYTES;
        return Arrays.copyOfRange(hashes, offset, offset + EventHash.BYTES);
    }

    public String chainHex() {
        return HexFormat.of().formatHex(chain);
    }
}
