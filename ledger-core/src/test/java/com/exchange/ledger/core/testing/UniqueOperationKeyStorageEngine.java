package com.exchange.ledger.core.testing;

import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.core.process.IdClaim;
import com.exchange.ledger.core.process.IdClaimTakenException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Wraps a storage engine with the two unique indexes of the real event store: (aggregate, sequence number) and
 * (aggregate, {@link WalletEvent#operationKey()}).
 * <p>
 * A violation fails the append as the ledger's Mongo engine reports it: a taken sequence number with
 * {@link ConcurrencyException} (someone else changed the aggregate: retry), a taken operation key with an
 * {@link EventStoreException} (the operation is already recorded: look it up). Keys are claimed when the append is
 * requested and released if the unit of work rolls back, so two concurrent appends cannot both pass the check. An id
 * claim an event carries (ADR 0021) is kept as the real store keeps it: another owner's claim refuses the append.
 */
public final class UniqueOperationKeyStorageEngine implements EventStorageEngine {

    private final EventStorageEngine delegate;
    private final Set<String> claimedKeys = new HashSet<>();
    /** The id claims (ADR 0021): key → owner. */
    private final Map<String, Object> idClaims = new HashMap<>();
    private final AtomicInteger refusedAppends = new AtomicInteger();

    public UniqueOperationKeyStorageEngine(EventStorageEngine delegate) {
        this.delegate = delegate;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        // the real engine's rule too (MongoEventStorageEngine#appendEvents): a command's effect is one event
        if (events.size() > 1) {
            throw refused(new EventStoreException("one command, one event: refused an append of " + events.size() + " events"));
        }
        List<String> keys = new ArrayList<>();
        synchronized (claimedKeys) {
            for (EventMessage<?> event : events) {
                if (event instanceof DomainEventMessage<?> domainEvent) {
                    String aggregate = domainEvent.getAggregateIdentifier();
                    String streamKey = aggregate + "#" + domainEvent.getSequenceNumber();
                    if (!claim(keys, streamKey)) {
                        throw refused(new ConcurrencyException("aggregate " + aggregate + " already has an event at sequence "
                                + domainEvent.getSequenceNumber() + ": it was changed concurrently"));
                    }
                    if (domainEvent.getPayload() instanceof WalletEvent walletEvent
                            && !claim(keys, aggregate + "|" + walletEvent.operationKey())) {
                        throw refused(new EventStoreException("operation " + walletEvent.operationKey()
                                + " is already recorded on " + aggregate));
                    }
                    Object idClaim = event.getMetaData().get(IdClaim.KEY);
                    Object owner = event.getMetaData().get(IdClaim.OWNER);
                    if (idClaim != null && !idClaims.getOrDefault(idClaim.toString(), owner).equals(owner)) {
                        throw refused(new IdClaimTakenException(idClaim.toString()));
                    }
                    if (idClaim != null) {
                        // written before the event and never taken back, as the real store's claims are
                        idClaims.put(idClaim.toString(), owner);
                    }
                }
            }
            claimedKeys.addAll(keys);
        }
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            if (unitOfWork.phase().isBefore(UnitOfWork.Phase.ROLLBACK)) {
                unitOfWork.onRollback(u -> release(keys));
            }
        }
        delegate.appendEvents(events);
    }

    private boolean claim(List<String> keys, String key) {
        if (claimedKeys.contains(key) || keys.contains(key)) {
            return false;
        }
        keys.add(key);
        return true;
    }

    private RuntimeException refused(RuntimeException failure) {
        refusedAppends.incrementAndGet();
        return failure;
    }

    private void release(List<String> keys) {
        synchronized (claimedKeys) {
            keys.forEach(claimedKeys::remove);
        }
    }

    /** How many appends the unique indexes refused so far. */
    public int refusedAppends() {
        return refusedAppends.get();
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return delegate.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
