package com.exchange.ledger.core.testing;

import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.process.IdClaim;
import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.transfer.TransferPolicy;
import com.exchange.ledger.core.wallet.OperationLog;
import com.exchange.ledger.core.wallet.WalletAccount;
import com.exchange.ledger.core.wallet.WalletCommand;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.core.wallet.WalletEvent;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The ledger's Axon wiring, in memory, for tests of anything that sends wallet commands.
 * <p>
 * An {@link EmbeddedEventStore} over an {@link InMemoryEventStorageEngine} with the real store's unique indexes
 * ({@link UniqueOperationKeyStorageEngine}); an {@link EventSourcingRepository} of {@link WalletAccount}s behind an
 * {@link AggregateAnnotationCommandHandler} on a {@link SimpleCommandBus}; a {@link DefaultCommandGateway}; an
 * {@link OperationLog} that scans the stored events; a {@link WalletCommandGateway}; and the {@link TransferPolicy}.
 * <p>
 * The policy runs synchronously, like a tracking processor that is always caught up: once the outermost command has
 * committed, every event stored since the last run is handed to it (through a {@link SimpleEventHandlerInvoker}) in
 * store order, until no new event appears. So when {@link #send} returns, every transfer has either arrived or come
 * back. It does not run inside the sender's unit of work, as a subscribing processor would: there it would see
 * events before the store accepted them, and its commands' events would be appended with the sender's batch.
 * A failure inside the policy is recorded in {@link #policyFailures()}, not thrown at the sender.
 * <p>
 * Single use, cheap to build: make one per test.
 */
public final class InMemoryLedger implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InMemoryLedger.class);
    /** Inspecting the aggregate's annotations is the costly part of building a ledger; the model is immutable. */
    private static final AggregateModel<WalletAccount> WALLET_MODEL =
            AnnotatedAggregateMetaModelFactory.inspectAggregate(WalletAccount.class);

    private final UniqueOperationKeyStorageEngine storage;
    private final EmbeddedEventStore eventStore;
    private final CommandGateway commandGateway;
    private final OperationLog operationLog;
    private final WalletCommandGateway walletCommands;
    private final SimpleEventHandlerInvoker policies;
    private final AtomicInteger dispatchedCommands = new AtomicInteger();
    private final List<Exception> policyFailures = new CopyOnWriteArrayList<>();

    private final Object policyLock = new Object();
    private TrackingToken policyPosition;
    private boolean runningPolicies;

    private InMemoryLedger(Function<CommandGateway, CommandSender> senderOverGateway) {
        storage = new UniqueOperationKeyStorageEngine(new InMemoryEventStorageEngine());
        eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
        EventSourcingRepository<WalletAccount> repository = EventSourcingRepository.builder(WalletAccount.class)
                .aggregateModel(WALLET_MODEL)
                .eventStore(eventStore)
                .build();
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        // as the service wires it: a command's id claim rides on to its one event (ADR 0021)
        SimpleCorrelationDataProvider claims = new SimpleCorrelationDataProvider(IdClaim.KEY, IdClaim.OWNER);
        commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.registerCorrelationDataProvider(claims);
            return chain.proceed();
        });
        AggregateAnnotationCommandHandler.<WalletAccount>builder()
                .aggregateType(WalletAccount.class)
                .aggregateModel(WALLET_MODEL)
                .repository(repository)
                .build()
                .subscribe(commandBus);
        commandGateway = DefaultCommandGateway.builder().commandBus(new ThenRunPolicies(commandBus)).build();
        operationLog = this::findOperation;
        walletCommands = new WalletCommandGateway(senderOverGateway.apply(commandGateway), operationLog);
        policies = SimpleEventHandlerInvoker.builder()
                .eventHandlers(new TransferPolicy(walletCommands, FollowUps.immediate()))
                .listenerInvocationErrorHandler((exception, event, handler) -> {
                    log.warn("policy failed on {}", event.getPayloadType().getSimpleName(), exception);
                    policyFailures.add(exception);
                })
                .build();
    }

    public static InMemoryLedger create() {
        return new InMemoryLedger(GatewayCommandSender::new);
    }

    /** With the wallet commands sent through {@code senderOverGateway}'s sender (the service's, in its module's tests). */
    public static InMemoryLedger create(Function<CommandGateway, CommandSender> senderOverGateway) {
        return new InMemoryLedger(senderOverGateway);
    }

    /** Sends through the {@link WalletCommandGateway}: exactly-once, first outcome on a repeat. */
    public AccountBalances send(WalletCommand command) {
        return walletCommands.send(command);
    }

    public WalletCommandGateway walletCommands() {
        return walletCommands;
    }

    /** The plain Axon gateway, without the exactly-once resolution. */
    public CommandGateway commandGateway() {
        return commandGateway;
    }

    public EventStore eventStore() {
        return eventStore;
    }

    public OperationLog operationLog() {
        return operationLog;
    }

    /** Every stored wallet event, in store order. */
    public List<WalletEvent> events() {
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(null, false)) {
            return stream.map(TrackedEventMessage::getPayload)
                    .filter(WalletEvent.class::isInstance)
                    .map(WalletEvent.class::cast)
                    .toList();
        }
    }

    /** One account's stored events, in sequence order. */
    public List<WalletEvent> events(AccountId account) {
        return storage.readEvents(account.key(), 0).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(WalletEvent.class::isInstance)
                .map(WalletEvent.class::cast)
                .toList();
    }

    /** Every account that has at least one event. */
    public Set<AccountId> accounts() {
        Set<AccountId> accounts = new LinkedHashSet<>();
        events().forEach(event -> accounts.add(event.account()));
        return accounts;
    }

    /** The balances the account's last event recorded: what its aggregate holds now. */
    public Optional<AccountBalances> lastRecorded(AccountId account) {
        List<WalletEvent> events = events(account);
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1).after());
    }

    /** The fold of every stored posting. */
    public LedgerBalances balances() {
        return LedgerBalances.fold(events());
    }

    /** How many commands reached the command bus, counting retries and the policy's commands. */
    public int dispatchedCommands() {
        return dispatchedCommands.get();
    }

    /** How many appends the store's unique indexes refused. */
    public int refusedAppends() {
        return storage.refusedAppends();
    }

    /** Exceptions the policy threw; empty when every transfer was delivered or returned. */
    public List<Exception> policyFailures() {
        return List.copyOf(policyFailures);
    }

    @Override
    public void close() {
        eventStore.shutDown();
    }

    private Optional<WalletEvent> findOperation(AccountId account, String operationKey) {
        return events(account).stream().filter(event -> event.operationKey().equals(operationKey)).findFirst();
    }

    /** Hands every event stored since the last run to the policies; re-entrant calls (their own commands) return. */
    private void runPolicies() {
        synchronized (policyLock) {
            if (runningPolicies) {
                return;
            }
            runningPolicies = true;
            try {
                List<? extends TrackedEventMessage<?>> batch = readFrom(policyPosition);
                while (!batch.isEmpty()) {
                    for (TrackedEventMessage<?> event : batch) {
                        policyPosition = event.trackingToken();
                        if (policies.canHandle(event, Segment.ROOT_SEGMENT)) {
                            policies.handle(event, Segment.ROOT_SEGMENT);
                        }
                    }
                    batch = readFrom(policyPosition);
                }
            } catch (Exception e) {
                throw new IllegalStateException("running the policies failed", e);
            } finally {
                runningPolicies = false;
            }
        }
    }

    private List<? extends TrackedEventMessage<?>> readFrom(TrackingToken position) {
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(position, false)) {
            return stream.toList();
        }
    }

    /** The command bus as the gateway sees it: counts dispatches and runs the policies after each outermost one. */
    private final class ThenRunPolicies implements CommandBus {

        private final CommandBus delegate;

        ThenRunPolicies(CommandBus delegate) {
            this.delegate = delegate;
        }

        @Override
        public <C> void dispatch(CommandMessage<C> command) {
            dispatchedCommands.incrementAndGet();
            delegate.dispatch(command);
            runPolicies();
        }

        @Override
        public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
            dispatchedCommands.incrementAndGet();
            delegate.dispatch(command, callback);
            runPolicies();
        }

        @Override
        public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
            return delegate.subscribe(commandName, handler);
        }

        @Override
        public Registration registerHandlerInterceptor(MessageHandlerInterceptor<? super CommandMessage<?>> interceptor) {
            return delegate.registerHandlerInterceptor(interceptor);
        }

        @Override
        public Registration registerDispatchInterceptor(MessageDispatchInterceptor<? super CommandMessage<?>> interceptor) {
            return delegate.registerDispatchInterceptor(interceptor);
        }
    }
}
