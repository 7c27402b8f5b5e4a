package com.exchange.ledger.core.liabilities;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a proof against a root the verifier got elsewhere (the auditor's publication): the commitment is the salted
 * hash of the proof's user, the leaf with its balance climbs the path to exactly that root hash, and the sums reach
 * exactly that total. It trusts nothing the proof says about the root: the root hash and total in the proof are only
 * compared with the published ones. Every mistake in a proof is a reason, never an exception.
 */
public final class ProofVerifier {

    /** Deeper than any tree of 2^64 leaves: a longer path is refused before any hashing. */
    public static final int MAX_PATH = 64;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SALT = Pattern.compile("([0-9a-f]{2}){16,64}");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,80}(\\.[0-9]{1,30})?");

    private ProofVerifier() {
    }

    /** Valid, or the first reason it is not. */
    public record Verdict(boolean valid, String reason) {
        static Verdict ok() {
            return new Verdict(true, "the balance is included in the published root and total");
        }

        static Verdict refused(String reason) {
            return new Verdict(false, reason);
        }
    }

    public static Verdict verify(LiabilityProof proof, String publishedRoot, BigDecimal publishedTotal) {
        try {
            return check(proof, publishedRoot, publishedTotal).map(Verdict::refused).orElseGet(Verdict::ok);
        } catch (RuntimeException malformed) {
            return Verdict.refused("malformed proof: " + malformed.getMessage());
        }
    }

    private static Optional<String> check(LiabilityProof proof, String publishedRoot, BigDecimal publishedTotal) {
        if (proof == null) {
            return Optional.of("no proof");
        }
        String root = publishedRoot == null ? "" : publishedRoot.toLowerCase(Locale.ROOT);
        if (!HASH.matcher(root).matches()) {
            return Optional.of("the published root must be 64 hex digits");
        }
        if (publishedTotal == null || publishedTotal.signum() < 0) {
            return Optional.of("the published total must be an amount of 0 or more");
        }
        if (proof.decimals() < 0 || proof.decimals() > 30) {
            return Optional.of("decimals must be 0-30");
        }
        if (proof.userId() == null || proof.salt() == null || !SALT.matcher(proof.salt()).matches()) {
            return Optional.of("the proof needs its user id and a salt of 16-64 bytes in hex");
        }
        if (proof.commitment() == null || !HASH.matcher(proof.commitment()).matches()) {
            return Optional.of("the commitment must be 64 hex digits");
        }
        if (proof.path() == null || proof.path().size() > MAX_PATH) {
            return Optional.of("the path must have 0-" + MAX_PATH + " steps");
        }
        byte[] commitment = MerkleSum.commitment(HexFormat.of().parseHex(proof.salt()), proof.userId());
        if (!HexFormat.of().formatHex(commitment).equals(proof.commitment())) {
            return Optional.of("the commitment is not the salted hash of user " + proof.userId());
        }
        Optional<BigInteger> balance = units(proof.balance(), proof.decimals());
        if (balance.isEmpty()) {
            return Optional.of("the balance must be an amount of 0 or more with at most " + proof.decimals() + " decimals");
        }
        MerkleSum.Node node = MerkleSum.leaf(commitment, balance.get());
        for (int i = 0; i < proof.path().size(); i++) {
            LiabilityProof.Step step = proof.path().get(i);
            if (step == null || step.hash() == null || !HASH.matcher(step.hash()).matches()) {
                return Optional.of("step " + i + ": the hash must be 64 hex digits");
            }
            Optional<BigInteger> sum = units(step.sum(), proof.decimals());
            if (sum.isEmpty() || sum.get().compareTo(MerkleSum.MAX_SUM) > 0) {
                return Optional.of("step " + i + ": the sum must be an amount of 0 or more with at most " + proof.decimals() + " decimals");
            }
            MerkleSum.Node sibling = new MerkleSum.Node(HexFormat.of().parseHex(step.hash()), sum.get());
            if ("left".equals(step.side())) {
                node = MerkleSum.parent(sibling, node);
            } else if ("right".equals(step.side())) {
                node = MerkleSum.parent(node, sibling);
            } else {
                return Optional.of("step " + i + ": side must be left or right");
            }
        }
        if (!node.hashHex().equals(root)) {
            return Optional.of("the path leads to root " + node.hashHex() + ", not the published " + root);
        }
        BigDecimal reached = new BigDecimal(node.sum(), proof.decimals());
        if (reached.compareTo(publishedTotal) != 0) {
            return Optional.of("the path sums to " + reached.toPlainString() + ", not the published total " + publishedTotal.toPlainString());
        }
        return Optional.empty();
    }

    /** An exact non-negative amount in the currency's smallest unit; empty when it has more decimals than the currency. */
    public static Optional<BigInteger> units(String amount, int decimals) {
        if (amount == null || !AMOUNT.matcher(amount).matches()) {
            return Optional.empty();
        }
        BigDecimal value = new BigDecimal(amount);
        if (value.stripTrailingZeros().scale() > decimals) {
            return Optional.empty();
        }
        return Optional.of(value.movePointRight(decimals).toBigIntegerExact());
    }
}
