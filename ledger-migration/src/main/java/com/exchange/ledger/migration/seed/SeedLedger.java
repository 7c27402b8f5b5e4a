package com.exchange.ledger.migration.seed;

import com.exchange.ledger.core.StoredTypes;
import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.wallet.BalanceMigrated;
import com.exchange.ledger.core.wallet.WalletAccount;
import com.exchange.ledger.migration.legacy.LegacyRow;
import com.exchange.ledger.migration.legacy.LegacyValues;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Turns accepted legacy rows into {@link BalanceMigrated} events, one per row, folded in memory as the rows are read
 * and then appended in batches through the ledger's event storage engine (its unique stream and operation keys,
 * its global sequence).
 * <p>
 * Re-runnable: each row's operation id comes from its collection and {@code _id}; the rows a previous run
 * appended (read back by {@link #resume}) are skipped, and each account continues from the balances and sequence
 * its last stored event left. A run killed anywhere and started again therefore ends in the state of an
 * uninterrupted run. In a dry run nothing is appended, but every row is folded the same way.
 */
public final class SeedLedger {

    public static final String AGGREGATE_TYPE = WalletAccount.class.getSimpleName();
    public static final String EVENT_TYPE = StoredTypes.nameOf(BalanceMigrated.class).orElseThrow();
    /**
     * Events per insert: one index allocation and one ordered {@code insertMany} each (about 1.5 KB an event, so
     * some 7 MB a batch, well inside one wire message).
     */
    public static final int BATCH = 5_000;

    /** What became of one accepted row. */
    public enum Outcome { TO_APPEND, ALREADY_PRESENT, PLANNED }

    private final MongoEventStorageEngine engine;
    private final boolean dryRun;
    private final Clock clock;
    private final Map<String, Account> accounts = new HashMap<>();
    private final Set<String> present = new HashSet<>();
    private final List<DomainEventMessage<?>> pending = new ArrayList<>();
    private long appended;

    private static final class Account {
        BalanceMigrated last;
        long sequence = -1;
        Instant first;
        Instant lastAt;
    }

    public SeedLedger(MongoEventStorageEngine engine, boolean dryRun, Clock clock) {
        this.engine = engine;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    /** Reads back what earlier runs appended: which rows are in, and where each account stands. */
    public long resume(MongoCollection<Document> events, Serializer serializer) {
        long found = 0;
        Map<String, Document> lastOfAccount = new HashMap<>();
        for (Document event : events.find(Filters.eq("payloadType", EVENT_TYPE))
                .projection(Projections.include("aggregateIdentifier", "sequenceNumber", "operationKey", "timestamp", "payload"))) {
            found++;
            present.add(event.getString("operationKey"));
            String aggregate = event.getString("aggregateIdentifier");
            Instant at = Instant.parse(event.getString("timestamp"));
            Account account = accounts.computeIfAbsent(aggregate, k -> new Account());
            account.first = account.first == null || at.isBefore(account.first) ? at : account.first;
            long sequence = ((Number) event.get("sequenceNumber")).longValue();
            if (sequence > account.sequence) {
                account.sequence = sequence;
                account.lastAt = at;
                lastOfAccount.put(aggregate, event);
            }
        }
        lastOfAccount.forEach((aggregate, event) -> accounts.get(aggregate).last = serializer.deserialize(
                new SimpleSerializedObject<>(event.getString("payload"), String.class, EVENT_TYPE, null)));
        return found;
    }

    /**
     * Adds a row. A row that would take its account past the balance limit is refused (its reason returned in the
     * exception); the account is then unchanged.
     */
    public Outcome add(LegacyRow.Accepted row) throws LegacyValues.Refused {
        OperationId operationId = new OperationId(BalanceMigrated.OPERATION_PREFIX + row.collection().collectionName() + ":" + LegacyValues.rowKey(row.id()));
        String aggregate = row.account().key();
        if (present.contains(aggregate + "|" + BalanceMigrated.key(operationId))) {
            return Outcome.ALREADY_PRESENT;
        }
        Account account = accounts.computeIfAbsent(aggregate, k -> new Account());
        AccountBalances before = account.last == null ? zero(row) : account.last.after();
        BalanceMigrated event;
        try {
            event = BalanceMigrated.onto(before, row.account(), operationId,
                    new BalanceMigrated.LegacySource(row.collection().collectionName(), row.id().toString(), row.original()),
                    row.available(), row.locked(), row.savings());
        } catch (LedgerRejection refused) {
            throw new LegacyValues.Refused(refused.getMessage());
        }
        Instant now = clock.instant();
        account.last = event;
        account.sequence++;
        account.first = account.first == null ? now : account.first;
        account.lastAt = now;
        if (dryRun) {
            return Outcome.PLANNED;
        }
        pending.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregate, account.sequence, event, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), now));
        return Outcome.TO_APPEND;
    }

    /** The events folded and not yet appended. */
    public int pending() {
        return pending.size();
    }

    /**
     * Appends every folded event, in batches, account by account (each account's events in the order its rows were
     * read); tells {@code progress} the count.
     * <p>
     * In account order because the store's unique keys (stream and operation key) both start with the account: keys
     * that arrive in order fill one index page after another, where keys in row order would touch a different page
     * each, and every touched page is rewritten at the next commit.
     * <p>
     * Two stages: a second thread serialises and digests the next batch while this one waits for the store to write
     * the current one. The batches are still written one after another, each as one ordered insert, so a run killed
     * anywhere leaves every account's events as a prefix of its rows, which is what {@link #resume} relies on (an
     * account's later event without its earlier one would be read back as its balance).
     */
    public void appendAll(LongConsumer progress) {
        pending.sort(Comparator.comparing(DomainEventMessage<?>::getAggregateIdentifier)
                .thenComparingLong(DomainEventMessage::getSequenceNumber));
        ExecutorService preparer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "migration-serializer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<MongoEventStorageEngine.PreparedEvents> next = prepare(preparer, 0);
            for (int from = 0; next != null; from += BATCH) {
                MongoEventStorageEngine.PreparedEvents batch = next.get();
                next = prepare(preparer, from + BATCH);
                engine.appendPrepared(batch);
                appended += batch.size();
                progress.accept(appended);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while appending seed events", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } finally {
            preparer.shutdownNow();
        }
        pending.clear();
    }

    /** The batch of pending events starting at {@code from}, serialised on the preparer; null past the end. */
    private Future<MongoEventStorageEngine.PreparedEvents> prepare(ExecutorService preparer, int from) {
        if (from >= pending.size()) {
            return null;
        }
        List<DomainEventMessage<?>> batch = pending.subList(from, Math.min(pending.size(), from + BATCH));
        return preparer.submit(() -> engine.prepareIndependentEvents(batch));
    }

    public long appended() {
        return appended;
    }

    /**
     * Every migrated account as its last event leaves it, for the {@code wallets} view; in the order of the account
     * key, which is the view's {@code _id}, so its pages are written one after another (see {@link #appendAll}).
     */
    public List<WalletsProjection.AccountView> accountViews() {
        List<WalletsProjection.AccountView> views = new ArrayList<>(accounts.size());
        accounts.entrySet().stream().filter(e -> e.getValue().last != null).sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue)
                .forEach(a -> views.add(new WalletsProjection.AccountView(a.last, a.sequence, a.first, a.lastAt)));
        return views;
    }

    public int accountCount() {
        return accounts.size();
    }

    private static AccountBalances zero(LegacyRow.Accepted row) {
        BigDecimal zero = BigDecimal.ZERO.setScale(row.available().amount().scale());
        return new AccountBalances(zero, zero, zero);
    }
}
