package com.exchange.ledger.core.liabilities;

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
