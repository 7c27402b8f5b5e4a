package com.exchange.ledger.api.audit;

import com.exchange.ledger.core.StoredTypes;
import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** One account's events straight from the event store, and its balance at any instant, for auditors. */
@Service
public class AccountHistory {

    public static final int MAX_PAGE = 500;

    private final MongoEventStorageEngine engine;

    public AccountHistory(MongoEventStorageEngine engine) {
        this.engine = engine;
    }

    public record StoredEvent(long sequence, String type, Instant occurredAt, Object payload) {
    }

    public record EventPage(String account, List<StoredEvent> events, Long nextFromSequence) {
    }

    public record BalanceAt(String account, Instant at, BigDecimal availableBalance, BigDecimal lockedBalance,
                            BigDecimal savingsBalance, BigDecimal totalBalance, Long lastSequence, Instant lastEventAt) {
    }

    /** The account's events, oldest first, from a sequence number, at most {@code limit}. */
    public EventPage events(AccountId account, long fromSequence, int limit) {
        List<StoredEvent> page = new ArrayList<>();
        Iterator<? extends DomainEventMessage<?>> events = engine.readEvents(account.key(), fromSequence).asStream().iterator();
        Long next = null;
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (page.size() == limit) {
                next = event.getSequenceNumber();
                break;
            }
            page.add(new StoredEvent(event.getSequenceNumber(), StoredTypes.nameOf(event.getPayloadType()).orElse(event.getPayloadType().getName()),
                    event.getTimestamp(), event.getPayload()));
        }
        return new EventPage(account.key(), page, next);
    }

    /** The balances the account had at {@code at}: those recorded by its last event at or before that instant. */
    public BalanceAt balanceAt(AccountId account, Instant at) {
        AccountBalances balances = new AccountBalances(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
        Long lastSequence = null;
        Instant lastEventAt = null;
        Iterator<? extends DomainEventMessage<?>> events = engine.readEvents(account.key(), 0).asStream().iterator();
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getTimestamp().isAfter(at)) {
                break;
            }
            balances = ((WalletEvent) event.getPayload()).after();
            lastSequence = event.getSequenceNumber();
            lastEventAt = event.getTimestamp();
        }
        return new BalanceAt(account.key(), at, balances.available(), balances.locked(), balances.savings(), balances.total(),
                lastSequence, lastEventAt);
    }
}
