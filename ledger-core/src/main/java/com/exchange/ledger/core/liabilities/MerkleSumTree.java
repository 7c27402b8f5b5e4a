package com.exchange.ledger.core.liabilities;

import java.util.ArrayList;
import java.util.List;

/**
 * A Merkle sum tree over leaves in a given order, every level kept, so that the path of any leaf is read off
 * without hashing again. The builder orders the leaves by commitment, so a leaf's index says nothing about its user.
 */
public final class MerkleSumTree {

    private final List<List<MerkleSum.Node>> levels = new ArrayList<>();

    public MerkleSumTree(List<MerkleSum.Node> leaves) {
        List<MerkleSum.Node> level = List.copyOf(leaves);
        levels.add(level);
        while (level.size() > 1) {
            List<MerkleSum.Node> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                up.add(MerkleSum.parent(level.get(i), i + 1 < level.size() ? level.get(i + 1) : MerkleSum.EMPTY));
            }
            level = up;
            levels.add(level);
        }
    }

    /** The root; the empty node for a tree without leaves. */
    public MerkleSum.Node root() {
        List<MerkleSum.Node> top = levels.get(levels.size() - 1);
        return top.isEmpty() ? MerkleSum.EMPTY : top.get(0);
    }

    public int leafCount() {
        return levels.get(0).size();
    }

    /** The siblings from the leaf up to the root, each with the side it stands on. */
    public List<Sibling> path(int leafIndex) {
        if (leafIndex < 0 || leafIndex >= leafCount()) {
            throw new IndexOutOfBoundsException("leaf " + leafIndex + " of " + leafCount());
        }
        List<Sibling> path = new ArrayList<>(levels.size());
        int index = leafIndex;
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            List<MerkleSum.Node> level = levels.get(depth);
            boolean isLeft = index % 2 == 0;
            int other = isLeft ? index + 1 : index - 1;
            MerkleSum.Node sibling = other < level.size() ? level.get(other) : MerkleSum.EMPTY;
            path.add(new Sibling(isLeft ? Side.RIGHT : Side.LEFT, sibling));
            index /= 2;
        }
        return path;
    }

    public enum Side { LEFT, RIGHT }

    /** A sibling on the path: where it stands next to the node being climbed from, its hash and sum only. */
    public record Sibling(Side side, MerkleSum.Node node) {
    }
}
