package com.exchange.ledger.core.liabilities;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tree and its verifier, without the service: for any number of leaves and balances (18 decimals, up to far
 * beyond a long), every leaf's path leads to the root and its total, the total is the sum of the balances, and
 * changing any one thing in a proof (its balance, any step's hash, sum or side) makes it fail.
 */
class MerkleSumProperties {

    private static final int DECIMALS = 18;

    @Property(tries = 60)
    void everyLeafProvesItsBalanceAndNoForgeryPasses(@ForAll @IntRange(min = 1, max = 70) int leaves,
                                                     @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        Random random = new Random(seed);
        List<String> users = new ArrayList<>();
        List<byte[]> salts = new ArrayList<>();
        List<BigInteger> balances = new ArrayList<>();
        List<MerkleSum.Node> nodes = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
            byte[] salt = new byte[32];
            random.nextBytes(salt);
            BigInteger balance = new BigInteger(random.nextInt(90), random);
            users.add("user-" + i);
            salts.add(salt);
            balances.add(balance);
            nodes.add(MerkleSum.leaf(MerkleSum.commitment(salt, "user-" + i), balance));
        }
        MerkleSumTree tree = new MerkleSumTree(nodes);
        assertThat(tree.root().sum()).isEqualTo(balances.stream().reduce(BigInteger.ZERO, BigInteger::add));
        String root = tree.root().hashHex();
        BigDecimal total = new BigDecimal(tree.root().sum(), DECIMALS);
        for (int i = 0; i < leaves; i++) {
            LiabilityProof proof = proof(tree, i, users.get(i), salts.get(i), balances.get(i));
            assertThat(ProofVerifier.verify(proof, root, total).valid()).as(ProofVerifier.verify(proof, root, total).reason()).isTrue();
        }
        int target = random.nextInt(leaves);
        LiabilityProof honest = proof(tree, target, users.get(target), salts.get(target), balances.get(target));
        assertThat(ProofVerifier.verify(with(honest, honest.path(), amount(balances.get(target).add(BigInteger.ONE))), root, total).valid()).isFalse();
        for (int step = 0; step < honest.path().size(); step++) {
            LiabilityProof.Step original = honest.path().get(step);
            BigInteger sum = new BigInteger(new BigDecimal(original.sum()).movePointRight(DECIMALS).toBigIntegerExact().toString());
            String flipped = (original.hash().charAt(63) == '0' ? original.hash().substring(0, 63) + "1" : original.hash().substring(0, 63) + "0");
            for (LiabilityProof.Step forged : List.of(
                    new LiabilityProof.Step(original.side(), flipped, original.sum()),
                    new LiabilityProof.Step(original.side(), original.hash(), amount(sum.add(BigInteger.ONE))),
                    new LiabilityProof.Step(original.side().equals("left") ? "right" : "left", original.hash(), original.sum()))) {
                List<LiabilityProof.Step> path = new ArrayList<>(honest.path());
                path.set(step, forged);
                assertThat(ProofVerifier.verify(with(honest, path, honest.balance()), root, total).valid()).isFalse();
            }
        }
    }

    @Property(tries = 20)
    void aSaltedCommitmentDependsOnUserAndSalt(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        Random random = new Random(seed);
        byte[] salt = new byte[32];
        random.nextBytes(salt);
        byte[] other = salt.clone();
        other[random.nextInt(32)] ^= 1;
        assertThat(MerkleSum.commitment(salt, "ann")).isNotEqualTo(MerkleSum.commitment(other, "ann"))
                .isNotEqualTo(MerkleSum.commitment(salt, "bob"))
                .isNotEqualTo(MerkleSum.sha256("ann".getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Five users with fixed salts (user i's salt is the bytes 32i..32i+31), carol's proof: the vector
     * browser-tests/tests/liabilities.test.js checks the pages' verifier with, so the two implementations agree.
     */
    @Example
    void theVectorTheBrowserChecks() {
        String[] users = {"ann", "bob", "carol", "dave", "erin"};
        String[] balances = {"1.5", "0", "123456789.000000000000000001", "0.000000000000000001", "42"};
        List<MerkleSum.Node> nodes = new ArrayList<>();
        byte[] carol = null;
        for (int i = 0; i < users.length; i++) {
            byte[] salt = new byte[32];
            for (int j = 0; j < 32; j++) {
                salt[j] = (byte) (i * 32 + j);
            }
            carol = i == 2 ? salt : carol;
            nodes.add(MerkleSum.leaf(MerkleSum.commitment(salt, users[i]), new BigDecimal(balances[i]).movePointRight(DECIMALS).toBigIntegerExact()));
        }
        MerkleSumTree tree = new MerkleSumTree(nodes);
        assertThat(tree.root().hashHex()).isEqualTo("4ae672fa2b3f350bf8fc28b7c7b1fe9c07152f54e688ab22f0eaf284e2b0848f");
        assertThat(amount(tree.root().sum())).isEqualTo("123456832.500000000000000002");
        LiabilityProof proof = proof(tree, 2, "carol", carol, new BigDecimal(balances[2]).movePointRight(DECIMALS).toBigIntegerExact());
        assertThat(proof.commitment()).isEqualTo("57ef051b18ff431edd16268aae46ec96e4fc6c7b3d8efb616e7bdd88f3b57ebb");
        assertThat(proof.path()).containsExactly(
                new LiabilityProof.Step("right", "d4a4ea397bdbbaa2f5d157e29f68e54c62b0be88169d5634703d107a0da19a5e", "0.000000000000000001"),
                new LiabilityProof.Step("left", "1c30750fcb6c7fd29e064f1eba98fd95076a90f2fb5cae5eda234e38ffb76a01", "1.500000000000000000"),
                new LiabilityProof.Step("right", "bda1d2095ce8b240faa8726c54e2edd55ab327bf684b3e74043153a12d843d56", "42.000000000000000000"));
        assertThat(ProofVerifier.verify(proof, tree.root().hashHex(), new BigDecimal("123456832.500000000000000002")).valid()).isTrue();
    }

    private static LiabilityProof proof(MerkleSumTree tree, int index, String user, byte[] salt, BigInteger balance) {
        List<LiabilityProof.Step> path = tree.path(index).stream()
                .map(s -> new LiabilityProof.Step(s.side() == MerkleSumTree.Side.LEFT ? "left" : "right", s.node().hashHex(), amount(s.node().sum())))
                .toList();
        return new LiabilityProof("t", "ETH", DECIMALS, 1, Instant.EPOCH, tree.root().hashHex(), amount(tree.root().sum()),
                tree.leafCount(), user, HexFormat.of().formatHex(salt), HexFormat.of().formatHex(MerkleSum.commitment(salt, user)),
                amount(balance), index, path);
    }

    private static LiabilityProof with(LiabilityProof p, List<LiabilityProof.Step> path, String balance) {
        return new LiabilityProof(p.treeId(), p.currency(), p.decimals(), p.position(), p.builtAt(), p.rootHash(), p.total(),
                p.leafCount(), p.userId(), p.salt(), p.commitment(), balance, p.leafIndex(), path);
    }

    private static String amount(BigInteger units) {
        return new BigDecimal(units, DECIMALS).toPlainString();
    }
}
