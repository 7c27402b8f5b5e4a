package com.exchange.ledger.api.audit;

import com.exchange.ledger.core.StoredTypes;
import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.Posting;
import com.exchange.ledger.core.shared.SystemAccount;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
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

    private final com.exchange.ledger.core.shared.CurrencyTable currencies;

    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public AccountHistory(MongoEventStorageEngine engine, com.exchange.ledger.core.shared.CurrencyTable currencies,
                          com.fasterxml.jackson.databind.ObjectMapper json) {
        this.json = json;
        this.engine = engine;
        this.currencies = currencies;
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
                    event.getTimestamp(), payload(event.getPayload())));
        }
        return new EventPage(account.key(), page, next);
    }

    public record SystemBalanceAt(String account, String currency, Instant at, BigDecimal balance, Long lastSequence,
                                  Instant lastEventAt) {
    }

    /**
     * The events that post to a system account in one currency, oldest first, from a position of the global stream
     * (a system account is no aggregate: its events are the wallet events naming it, so {@code sequence} is the
     * event's global position). Like the reconciliation, a page reads the stream until it has {@code limit} of them.
     */
    public EventPage systemEvents(SystemAccount account, String currency, long fromSequence, int limit) {
        List<StoredEvent> page = new ArrayList<>();
        Long next = null;
        TrackingToken from = fromSequence <= 0 ? null : GapAwareTrackingToken.newInstance(fromSequence - 1, java.util.Set.of());
        try (var stream = engine.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            while (events.hasNext()) {
                TrackedEventMessage<?> event = events.next();
                if (!(event.getPayload() instanceof WalletEvent wallet) || delta(wallet, account, currency) == null) {
                    continue;
                }
                long position = event.trackingToken().position().orElseThrow();
                if (page.size() == limit) {
                    next = position;
                    break;
                }
                page.add(new StoredEvent(position, StoredTypes.nameOf(event.getPayloadType()).orElse(event.getPayloadType().getName()),
                        event.getTimestamp(), payload(wallet)));
            }
        }
        return new EventPage(account.name() + "/" + currency, page, next);
    }

    /** A system account's balance at {@code at}: the sum of the postings naming it in events at or before that instant. */
    public SystemBalanceAt systemBalanceAt(SystemAccount account, Currency currency, Instant at) {
        BigDecimal balance = BigDecimal.ZERO.setScale(currency.decimals());
        Long lastSequence = null;
        Instant lastEventAt = null;
        try (var stream = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            while (events.hasNext()) {
                TrackedEventMessage<?> event = events.next();
                if (event.getTimestamp().isAfter(at) || !(event.getPayload() instanceof WalletEvent wallet)) {
                    continue; // positions are not in time order across a late commit: read to the end, keep what was before
                }
                BigDecimal delta = delta(wallet, account, currency.code());
                if (delta != null) {
                    balance = balance.add(delta);
                    lastSequence = event.trackingToken().position().orElseThrow();
                    lastEventAt = event.getTimestamp();
                }
            }
        }
        return new SystemBalanceAt(account.name(), currency.code(), at, balance.setScale(currency.decimals()), lastSequence, lastEventAt);
    }

    /**
     * An event as an answer writes it: the balances it recorded ({@code after}) at the currency's scale, as every
     * amount the API writes ("0" where nothing was ever locked is "0.00000000" for BTC).
     */
    public Object payload(Object payload) {
        if (!(payload instanceof WalletEvent event)) {
            return payload;
        }
        com.fasterxml.jackson.databind.JsonNode tree = json.valueToTree(event);
        int scale = currencies.require(event.account().currency()).decimals();
        if (tree.get("after") instanceof com.fasterxml.jackson.databind.node.ObjectNode after) {
            after.properties().forEach(field -> {
                if (field.getValue().isTextual()) {
                    field.setValue(after.textNode(new BigDecimal(field.getValue().asText()).setScale(scale).toPlainString()));
                }
            });
        }
        return tree;
    }

    /** What the event posts to the system account in the currency, or null when it does not name it. */
    private static BigDecimal delta(WalletEvent event, SystemAccount account, String currency) {
        BigDecimal sum = null;
        for (Posting posting : event.postings()) {
            if (posting.account().equals(account) && posting.delta().currency().equals(currency)) {
                sum = (sum == null ? BigDecimal.ZERO : sum).add(posting.delta().amount());
            }
        }
        return sum;
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
        int scale = currencies.require(account.currency()).decimals();
        return new BalanceAt(account.key(), at, balances.available().setScale(scale), balances.locked().setScale(scale),
                balances.savings().setScale(scale), balances.total().setScale(scale), lastSequence, lastEventAt);
    }
}
