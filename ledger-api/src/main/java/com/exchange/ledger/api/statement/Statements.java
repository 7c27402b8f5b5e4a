package com.exchange.ledger.api.statement;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.Posting;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.eventstore.MongoEventStorageEngine;
import com.exchange.ledger.projections.transactions.TransactionsProjection;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An account's statement, read from its own event stream (as the auditors' balance at an instant is, {@code
 * audit/AccountHistory}): the balances each event recorded give the opening and the closing, the postings give each
 * movement's amount, so the check compares two things the store holds, not one with itself. Lines are produced as
 * the consumer asks for them; nothing but the running sums is kept.
 */
@Service
public class Statements {

    private final MongoEventStorageEngine engine;
    private final CurrencyTable currencies;

    public Statements(MongoEventStorageEngine engine, CurrencyTable currencies) {
        this.engine = engine;
        this.currencies = currencies;
    }

    /** The statement's lines: an opening, the movements of the period in sequence order, a closing. */
    public Flux<StatementLine> of(AccountId account, StatementRange range) {
        int scale = currencies.require(account.currency()).decimals();
        return Flux.<StatementLine>fromIterable(() -> new Reader(engine.readEvents(account.key(), 0).asStream().iterator(), account, range, scale))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * Walks the account's events once: those before {@code from} only for the balance they leave, those in the period as
     * movements, and it stops at the first at or after {@code to}. An account's events are appended one after the
     * other, so their times do not go back (the balance at an instant reads them the same way).
     */
    private static final class Reader implements Iterator<StatementLine> {

        private enum Step { OPENING, MOVEMENTS, DONE }

        private final Iterator<? extends DomainEventMessage<?>> events;
        private final AccountId account;
        private final StatementRange range;
        private final int scale;
        private Step step = Step.OPENING;
        private DomainEventMessage<?> firstInPeriod;
        private BigDecimal opening;
        private BigDecimal running;
        private BigDecimal total;
        private BigDecimal closing;
        private long count;
        private boolean consistent = true;

        Reader(Iterator<? extends DomainEventMessage<?>> events, AccountId account, StatementRange range, int scale) {
            this.events = events;
            this.account = account;
            this.range = range;
            this.scale = scale;
            this.opening = BigDecimal.ZERO.setScale(scale);
        }

        @Override
        public boolean hasNext() {
            return step != Step.DONE;
        }

        @Override
        public StatementLine next() {
            return switch (step) {
                case OPENING -> opening();
                case MOVEMENTS -> movementOrClosing();
                case DONE -> throw new NoSuchElementException();
            };
        }

        private StatementLine opening() {
            while (events.hasNext()) {
                DomainEventMessage<?> event = events.next();
                if (!event.getTimestamp().isBefore(range.from())) {
                    firstInPeriod = event;
                    break;
                }
                opening = recorded(event);
            }
            running = opening;
            closing = opening;
            total = BigDecimal.ZERO.setScale(scale);
            step = Step.MOVEMENTS;
            return new StatementLine.Opening(opening);
        }

        private StatementLine movementOrClosing() {
            DomainEventMessage<?> event = firstInPeriod != null ? firstInPeriod : events.hasNext() ? events.next() : null;
            firstInPeriod = null;
            if (event == null || !range.contains(event.getTimestamp())) {
                step = Step.DONE;
                boolean balanced = consistent && opening.add(total).compareTo(closing) == 0;
                return new StatementLine.Closing(total, count, closing, balanced);
            }
            WalletEvent payload = (WalletEvent) event.getPayload();
            BigDecimal amount = BigDecimal.ZERO;
            for (Posting posting : payload.postings()) {
                if (posting.account().equals(account)) {
                    amount = amount.add(posting.delta().amount());
                }
            }
            amount = amount.setScale(scale);
            BigDecimal after = recorded(event);
            running = running.add(amount);
            consistent &= running.compareTo(after) == 0;
            total = total.add(amount);
            closing = after;
            count++;
            TransactionsProjection.Movement movement = TransactionsProjection.Movement.of(payload);
            Object position = event.getMetaData().get(MongoEventStorageEngine.GLOBAL_INDEX);
            return new StatementLine.Movement(event.getSequenceNumber(), position instanceof Number n ? n.longValue() : null,
                    event.getTimestamp(), movement.type(), movement.operationId(), movement.counterparty(), amount, after);
        }

        private BigDecimal recorded(DomainEventMessage<?> event) {
            return ((WalletEvent) event.getPayload()).after().total().setScale(scale);
        }
    }
}
