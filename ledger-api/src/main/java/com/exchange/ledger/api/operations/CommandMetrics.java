package com.exchange.ledger.api.operations;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.wallet.WalletCommand;
import com.exchange.ledger.projections.eventstore.DuplicateOperationKeyException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.lang.reflect.RecordComponent;
import java.util.Set;

/**
 * Times every command on the command bus, by type and outcome, and logs one line for it carrying its operation id,
 * account and outcome (as MDC entries, so a structured log format writes them as fields).
 * <p>
 * The outcome is known only when the unit of work ends: the event is appended when it commits, after the handler
 * returned, and an append that loses a race or repeats an operation key fails there. So the timer stops in the
 * unit's after-commit or rollback step, not when the handler returns. The bus sees each attempt: a command the
 * gateway retries after a concurrent append counts once as {@code conflict}, then once more; a repeated operation
 * is a {@code conflict} here even when the gateway answers it with the first outcome.
 * <p>
 * Only identifiers are logged, never a command's amounts or anything from a request's headers: a key or secret
 * never reaches a command.
 */
public final class CommandMetrics implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(CommandMetrics.class);
    public static final String TIMER = "ledger.commands";
    private static final Set<String> ACCOUNT_COMPONENTS = Set.of("account", "userId", "fromUserId", "buyerId", "sellerId");
    private static final AnnotationCommandTargetResolver TARGETS = AnnotationCommandTargetResolver.builder().build();

    private final MeterRegistry registry;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        String type = command.getPayloadType().getSimpleName();
        long start = System.nanoTime();
        unitOfWork.afterCommit(u -> record(command, type, start, "accepted", "none"));
        unitOfWork.onRollback(u -> {
            Throwable failure = u.getExecutionResult() == null ? null : u.getExecutionResult().getExceptionResult();
            record(command, type, start, outcome(failure), code(failure));
        });
        return chain.proceed();
    }

    private void record(CommandMessage<?> command, String type, long start, String outcome, String code) {
        long nanos = System.nanoTime() - start;
        Timer.builder(TIMER).description("commands handled, by type and outcome (accepted, refused, conflict, error)")
                .tag("command", type).tag("outcome", outcome).tag("code", code)
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        logLine(command, type, outcome, code, nanos);
    }

    private static void logLine(CommandMessage<?> command, String type, String outcome, String code, long nanos) {
        MDC.put("command", type);
        MDC.put("operation_id", operationId(command));
        MDC.put("account", account(command.getPayload()));
        MDC.put("outcome", outcome);
        MDC.put("code", code);
        try {
            if ("error".equals(outcome)) {
                log.warn("command {} {} in {} µs", type, outcome, nanos / 1_000);
            } else {
                log.info("command {} {} ({}) in {} µs", type, outcome, code, nanos / 1_000);
            }
        } finally {
            MDC.remove("command");
            MDC.remove("operation_id");
            MDC.remove("account");
            MDC.remove("outcome");
            MDC.remove("code");
        }
    }

    static String outcome(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof LedgerRejection rejection) {
            return rejection.code() == RejectionCode.OPERATION_CONFLICT ? "conflict" : "refused";
        }
        if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                || cause instanceof DuplicateOperationKeyException) {
            // a lost race or an operation key already stored: the gateway answers the first outcome or a 409
            return "conflict";
        }
        return "error";
    }

    static String code(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof LedgerRejection rejection) {
            return rejection.code().name();
        }
        return cause == null ? "none" : cause.getClass().getSimpleName();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 5; depth++) {
            if (cause instanceof LedgerRejection || cause instanceof ConcurrencyException
                    || cause instanceof DuplicateOperationKeyException) {
                return cause;
            }
            if (cause.getCause() == null || cause.getCause() == cause) {
                break;
            }
            cause = cause.getCause();
        }
        return failure;
    }

    /** A wallet command's operation key; for another command, the flow or aggregate it targets. */
    private static String operationId(CommandMessage<?> command) {
        if (command.getPayload() instanceof WalletCommand wallet) {
            return wallet.operationKey();
        }
        try {
            return TARGETS.resolveTarget(command).getIdentifier();
        } catch (RuntimeException noTarget) {
            return command.getIdentifier();
        }
    }

    private static String account(Object payload) {
        if (payload instanceof WalletCommand wallet) {
            return String.valueOf(wallet.account());
        }
        if (payload instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                if (ACCOUNT_COMPONENTS.contains(component.getName())) {
                    try {
                        return String.valueOf(component.getAccessor().invoke(record));
                    } catch (ReflectiveOperationException unreadable) {
                        return "";
                    }
                }
            }
        }
        return "";
    }
}
