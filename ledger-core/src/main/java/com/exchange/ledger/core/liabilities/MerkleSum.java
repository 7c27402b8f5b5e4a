package com.exchange.ledger.core.liabilities;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hashing of the tree, shared by the builder and the verifier, written so that anyone can redo it from the ADR:
 * <ul>
 *   <li>commitment = SHA-256(salt ‖ UTF-8(user id)): the leaf names its user only to whoever holds the salt;</li>
 *   <li>leaf = SHA-256(0x00 ‖ commitment ‖ sum), its sum the balance in the currency's smallest unit;</li>
 *   <li>node = SHA-256(0x01 ‖ left.hash ‖ left.sum ‖ right.hash ‖ right.sum), its sum left.sum + right.sum;</li>
 *   <li>a level of odd length is closed with the empty node, SHA-256("ledger-liabilities/1 empty") and sum 0.</li>
 * </ul>
 * A sum is written as 32 bytes, unsigned big-endian. The leading byte keeps a leaf from ever passing for a node.
 */
public final class MerkleSum {

    /** 32 bytes of sum: far above any total a currency with 18 decimals can reach, and a fixed width to hash. */
    public static final int SUM_BYTES = 32;
    public static final BigInteger MAX_SUM = BigInteger.ONE.shiftLeft(SUM_BYTES * 8).subtract(BigInteger.ONE);
    public static final Node EMPTY = new Node(sha256("ledger-liabilities/1 empty".getBytes(StandardCharsets.UTF_8)), BigInteger.ZERO);

    private MerkleSum() {
    }

    /** A node of the tree: its hash and the sum of the balances below it, never negative. */
    public record Node(byte[] hash, BigInteger sum) {
        public Node {
            if (hash.length != 32) {
                throw new IllegalArgumentException("a node's hash has 32 bytes, not " + hash.length);
            }
            if (sum.signum() < 0 || sum.compareTo(MAX_SUM) > 0) {
                throw new IllegalArgumentException("a sum is 0 to 2^256-1, not " + sum);
            }
        }

        public String hashHex() {
            return HexFormat.of().formatHex(hash);
        }
    }

    public static byte[] commitment(byte[] salt, String userId) {
        MessageDigest digest = sha256();
        digest.update(salt);
        digest.update(userId.getBytes(StandardCharsets.UTF_8));
        return digest.digest();
    }

    public static Node leaf(byte[] commitment, BigInteger balance) {
        checkSum(balance);
        MessageDigest digest = sha256();
        digest.update((byte) 0);
        digest.update(commitment);
        digest.update(bytes(balance));
        return new Node(digest.digest(), balance);
    }

    public static Node parent(Node left, Node right) {
        BigInteger sum = left.sum().add(right.sum());
        checkSum(sum);
        MessageDigest digest = sha256();
        digest.update((byte) 1);
        digest.update(left.hash());
        digest.update(bytes(left.sum()));
        digest.update(right.hash());
        digest.update(bytes(right.sum()));
        return new Node(digest.digest(), sum);
    }

    private static void checkSum(BigInteger sum) {
        if (sum.signum() < 0 || sum.compareTo(MAX_SUM) > 0) {
            throw new IllegalArgumentException("a sum is 0 to 2^256-1, not " + sum);
        }
    }

    static byte[] bytes(BigInteger sum) {
        byte[] raw = sum.toByteArray(); // two's complement: a leading 0 byte where the top bit is set
        byte[] fixed = new byte[SUM_BYTES];
        int length = Math.min(raw.length, SUM_BYTES);
        System.arraycopy(raw, raw.length - length, fixed, SUM_BYTES - length, length);
        return fixed;
    }

    static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
