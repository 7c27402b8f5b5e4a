package com.exchange.ledger.projections.liabilities;

import com.exchange.ledger.core.liabilities.LiabilityProof;
import com.exchange.ledger.core.liabilities.MerkleSum;
import com.exchange.ledger.core.liabilities.MerkleSumTree;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.bson.types.Decimal128;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The trees of proof of liabilities. A build reads, in this order: the {@code wallets} processor's stored token
 * (every document reflects at least the events below it), the view's documents of the currency, then the events
 * after the token's lowest unhandled position up to the head, with the engine's tracking read. Each event carries the
 * account's balances after it, so an account's state at the head is whichever of its document and its events read has
 * the highest aggregate sequence: the view's batch in flight, or one it has not reached, is covered by the events,
 * and a document cannot be ahead of the head read after it. The head is the position of the tree. An index below the
 * head that may still be committed (a gap, ADR 0002) would make that position a lie, so the build starts over, a few
 * times, until the stream below the head is whole.
 * <p>
 * The salt of a leaf is HMAC-SHA256(key, tree id ‖ user id) with a random key drawn for the tree and never stored:
 * salts of different trees are unrelated, and no one can recompute one without the leaves collection, which only
 * this service reads. Leaves are ordered by commitment, so an index says nothing about the user.
 */
public final class LiabilitiesTrees {

    public static final String ROOTS = "liabilities_roots";
    public static final String LEAVES = "liabilities_leaves";
    /** The trees of a currency whose leaves are kept (proofs are served against the latest; one more for a user in between). */
    static final int KEPT_TREES = 2;
    /** Builds tried while a writer is in flight below the head, before giving up. */
    static final int ATTEMPTS = 20;
    private static final int INSERT_BATCH = 1_000;

    private final MongoEventStorageEngine engine;
    private final MongoCollection<Document> wallets;
    private final MongoCollection<Document> roots;
    private final MongoCollection<Document> leaves;
    private final Supplier<TrackingToken> walletsToken;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** @param walletsToken the token the {@code wallets} view's processor has stored, null when it has none */
    public LiabilitiesTrees(MongoEventStorageEngine engine, MongoDatabase database, Supplier<TrackingToken> walletsToken, Clock clock) {
        this.engine = engine;
        this.wallets = database.getCollection(WalletsProjection.COLLECTION);
        this.roots = database.getCollection(ROOTS);
        this.leaves = database.getCollection(LEAVES);
        this.walletsToken = walletsToken;
        this.clock = clock;
    }

    public void ensureIndexes() {
        roots.createIndex(Indexes.ascending("currency", "built_at"), new IndexOptions().name("currency_1_built_at_1"));
        leaves.createIndex(Indexes.ascending("tree_id", "user_id"), new IndexOptions().unique(true).name("tree_id_1_user_id_1"));
        leaves.createIndex(Indexes.ascending("tree_id", "index"), new IndexOptions().name("tree_id_1_index_1"));
    }

    /** The newest published root of a currency. */
    public Optional<LiabilitiesRoot> latest(String currency) {
        Document found = roots.find(Filters.eq("currency", currency)).sort(Sorts.descending("built_at", "_id")).first();
        return Optional.ofNullable(found).map(LiabilitiesTrees::root);
    }

    /** Builds the tree of the currency at the head of the stream, stores its leaves and publishes its root. */
    public LiabilitiesRoot build(Currency currency) {
        for (int attempt = 1; ; attempt++) {
            Optional<Snapshot> snapshot = snapshot(currency);
            if (snapshot.isPresent()) {
                return publish(currency, snapshot.get());
            }
            if (attempt == ATTEMPTS) {
                throw new IllegalStateException("a writer is still in flight below the head of the event stream; try again");
            }
            pause(attempt);
        }
    }

    /** The proof of a user's balance in the newest tree of the currency, if the user has a leaf there. */
    public Optional<LiabilityProof> proof(String currency, String userId) {
        Optional<LiabilitiesRoot> published = latest(currency);
        if (published.isEmpty()) {
            return Optional.empty();
        }
        LiabilitiesRoot root = published.get();
        Document mine = leaves.find(Filters.and(Filters.eq("tree_id", root.treeId()), Filters.eq("user_id", userId))).first();
        if (mine == null) {
            return Optional.empty();
        }
        List<MerkleSum.Node> nodes = new ArrayList<>((int) Math.min(root.leafCount(), Integer.MAX_VALUE));
        for (Document leaf : leaves.find(Filters.eq("tree_id", root.treeId())).sort(Sorts.ascending("index"))
                .projection(Projections.include("index", "commitment", "units"))) {
            nodes.add(MerkleSum.leaf(HexFormat.of().parseHex(leaf.getString("commitment")), new BigInteger(leaf.getString("units"))));
        }
        MerkleSumTree tree = new MerkleSumTree(nodes);
        if (!tree.root().hashHex().equals(root.rootHash())) {
            throw new IllegalStateException("the stored leaves of tree " + root.treeId() + " no longer give its published root");
        }
        int index = ((Number) mine.get("index")).intValue();
        List<LiabilityProof.Step> path = tree.path(index).stream()
                .map(s -> new LiabilityProof.Step(s.side() == MerkleSumTree.Side.LEFT ? "left" : "right", s.node().hashHex(),
                        amount(s.node().sum(), root.decimals())))
                .toList();
        return Optional.of(new LiabilityProof(root.treeId(), root.currency(), root.decimals(), root.position(), root.builtAt(),
                root.rootHash(), root.total(), root.leafCount(), userId, mine.getString("salt"), mine.getString("commitment"),
                amount(new BigInteger(mine.getString("units")), root.decimals()), index, path));
    }

    private record Snapshot(long position, Map<String, BigDecimal> totals) {
    }

    /** The user totals of the currency at one position, or empty when an index below the head may still be committed. */
    private Optional<Snapshot> snapshot(Currency currency) {
        long start = lowestUnhandled(walletsToken.get());
        Map<String, BigDecimal> totals = new HashMap<>();
        Map<String, Long> sequences = new HashMap<>();
        for (Document wallet : wallets.find(Filters.eq("currency", currency.code()))
                .projection(Projections.include("user_id", "total_balance", "last_sequence"))) {
            String user = wallet.getString("user_id");
            if (user == null || user.indexOf(':') >= 0) {
                continue; // a system account is the exchange's own, not a liability to a user
            }
            totals.put(user, ((Decimal128) wallet.get("total_balance")).bigDecimalValue());
            sequences.put(user, ((Number) wallet.get("last_sequence")).longValue());
        }
        long head = start;
        try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(GapAwareTrackingToken.newInstance(start, Set.of()), false)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            while (events.hasNext()) {
                TrackedEventMessage<?> event = events.next();
                GapAwareTrackingToken token = (GapAwareTrackingToken) event.trackingToken();
                if (!token.getGaps().isEmpty()) {
                    return Optional.empty();
                }
                head = token.getIndex();
                if (event.getPayload() instanceof WalletEvent change && event instanceof DomainEventMessage<?> domain
                        && change.account().currency().equals(currency.code())) {
                    String user = change.account().user().value();
                    Long seen = sequences.get(user);
                    if (seen == null || domain.getSequenceNumber() > seen) {
                        totals.put(user, change.after().total());
                        sequences.put(user, domain.getSequenceNumber());
                    }
                }
            }
        }
        return Optional.of(new Snapshot(head, totals));
    }

    /** The position from which the view may not yet reflect every event: below a gap it still waits for, or its index. */
    static long lowestUnhandled(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getGaps().isEmpty() ? gapAware.getIndex() : gapAware.getGaps().first() - 1;
        }
        return -1; // no token (or one of another kind): every event is read, the view only decides nothing
    }

    private LiabilitiesRoot publish(Currency currency, Snapshot snapshot) {
        Instant builtAt = clock.instant();
        String treeId = currency.code() + "-" + snapshot.position() + "-" + UUID.randomUUID();
        Mac salts = saltFunction();
        record Entry(String user, byte[] salt, byte[] commitment, BigInteger units) {
        }
        List<Entry> entries = new ArrayList<>(snapshot.totals().size());
        long negatives = 0;
        for (Map.Entry<String, BigDecimal> account : snapshot.totals().entrySet()) {
            if (account.getValue().signum() < 0) {
                negatives++;
                continue;
            }
            byte[] salt = salts.doFinal((treeId + "\n" + account.getKey()).getBytes(StandardCharsets.UTF_8));
            BigInteger units = account.getValue().movePointRight(currency.decimals()).toBigIntegerExact();
            entries.add(new Entry(account.getKey(), salt, MerkleSum.commitment(salt, account.getKey()), units));
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(a.commitment(), b.commitment()));
        MerkleSumTree tree = new MerkleSumTree(entries.stream().map(e -> MerkleSum.leaf(e.commitment(), e.units())).toList());
        List<Document> batch = new ArrayList<>(INSERT_BATCH);
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            batch.add(new Document("_id", treeId + "/" + entry.user()).append("tree_id", treeId).append("user_id", entry.user())
                    .append("index", i).append("salt", HexFormat.of().formatHex(entry.salt()))
                    .append("commitment", HexFormat.of().formatHex(entry.commitment())).append("units", entry.units().toString()));
            if (batch.size() == INSERT_BATCH || i == entries.size() - 1) {
                leaves.insertMany(batch, new InsertManyOptions().ordered(false));
                batch.clear();
            }
        }
        LiabilitiesRoot root = new LiabilitiesRoot(treeId, currency.code(), currency.decimals(), snapshot.position(), builtAt,
                tree.root().hashHex(), amount(tree.root().sum(), currency.decimals()), tree.leafCount(), negatives);
        // the root is published after its leaves: a proof is never asked of a tree that is not whole
        roots.insertOne(new Document("_id", treeId).append("currency", root.currency()).append("decimals", root.decimals())
                .append("position", root.position()).append("built_at", Date.from(builtAt)).append("root_hash", root.rootHash())
                .append("total", root.total()).append("leaf_count", root.leafCount())
                .append("negative_accounts_excluded", negatives));
        dropOldLeaves(currency.code());
        return root;
    }

    private void dropOldLeaves(String currency) {
        List<String> older = new ArrayList<>();
        roots.find(Filters.eq("currency", currency)).sort(Sorts.descending("built_at", "_id")).skip(KEPT_TREES)
                .projection(Projections.include("_id")).forEach(d -> older.add(d.getString("_id")));
        if (!older.isEmpty()) {
            leaves.deleteMany(Filters.in("tree_id", older));
        }
    }

    private Mac saltFunction() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has HmacSHA256", e);
        }
    }

    private static LiabilitiesRoot root(Document d) {
        return new LiabilitiesRoot(d.getString("_id"), d.getString("currency"), d.getInteger("decimals"),
                ((Number) d.get("position")).longValue(), d.getDate("built_at").toInstant(), d.getString("root_hash"),
                d.getString("total"), ((Number) d.get("leaf_count")).longValue(),
                ((Number) d.get("negative_accounts_excluded")).longValue());
    }

    static String amount(BigInteger units, int decimals) {
        return new BigDecimal(units, decimals).toPlainString();
    }

    /** A short wait that grows, so a writer in flight has time to commit or be fenced. */
    private static void pause(int attempt) {
        java.util.concurrent.locks.LockSupport.parkNanos(Math.min(attempt, 10) * 50_000_000L);
    }
}
