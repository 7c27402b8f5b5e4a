package com.exchange.ledger.core;

import com.exchange.ledger.core.deposit.DepositEvents;
import com.exchange.ledger.core.expressbuy.ExpressBuyEvents;
import com.exchange.ledger.core.referral.ReferrerSet;
import com.exchange.ledger.core.swap.SwapEvents;
import com.exchange.ledger.core.trade.TradeEvents;
import com.exchange.ledger.core.wallet.BalanceMigrated;
import com.exchange.ledger.core.wallet.FundsCredited;
import com.exchange.ledger.core.wallet.FundsDebited;
import com.exchange.ledger.core.wallet.FundsLocked;
import com.exchange.ledger.core.wallet.HoldReleased;
import com.exchange.ledger.core.wallet.HoldReleasedToAccount;
import com.exchange.ledger.core.wallet.HoldUnlocked;
import com.exchange.ledger.core.wallet.MovedFromSavings;
import com.exchange.ledger.core.wallet.MovedToSavings;
import com.exchange.ledger.core.wallet.TransferReceived;
import com.exchange.ledger.core.wallet.TransferReturned;
import com.exchange.ledger.core.wallet.TransferSent;
import com.exchange.ledger.core.wallet.WalletAccount;
import com.exchange.ledger.core.withdrawal.WithdrawalEvents;

import com.exchange.ledger.core.deposit.Deposit;
import com.exchange.ledger.core.expressbuy.ExpressBuy;
import com.exchange.ledger.core.referral.Referral;
import com.exchange.ledger.core.swap.Swap;
import com.exchange.ledger.core.trade.Trade;
import com.exchange.ledger.core.withdrawal.Withdrawal;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The names under which events and snapshots are stored. They are part of the stored format and independent of
 * Java class names: a class may be renamed or moved, its stored name stays. Add, never rename.
 */
public final class StoredTypes {

    private static final Map<String, Class<?>> BY_NAME;
    private static final Map<Class<?>, String> BY_CLASS;

    static {
        Map<String, Class<?>> names = new LinkedHashMap<>();
        names.put("wallet.FundsCredited", FundsCredited.class);
        names.put("wallet.FundsDebited", FundsDebited.class);
        names.put("wallet.FundsLocked", FundsLocked.class);
        names.put("wallet.HoldUnlocked", HoldUnlocked.class);
        names.put("wallet.HoldReleased", HoldReleased.class);
        names.put("wallet.HoldReleasedToAccount", HoldReleasedToAccount.class);
        names.put("wallet.MovedToSavings", MovedToSavings.class);
        names.put("wallet.MovedFromSavings", MovedFromSavings.class);
        names.put("wallet.TransferSent", TransferSent.class);
        names.put("wallet.TransferReceived", TransferReceived.class);
        names.put("wallet.TransferReturned", TransferReturned.class);
        names.put("wallet.BalanceMigrated", BalanceMigrated.class);
        names.put("wallet.WalletAccount.snapshot", WalletAccount.class);
        names.put("withdrawal.WithdrawalRequested", WithdrawalEvents.WithdrawalRequested.class);
        names.put("withdrawal.WithdrawalFundsLocked", WithdrawalEvents.WithdrawalFundsLocked.class);
        names.put("withdrawal.WithdrawalRefused", WithdrawalEvents.WithdrawalRefused.class);
        names.put("withdrawal.WithdrawalApproved", WithdrawalEvents.WithdrawalApproved.class);
        names.put("withdrawal.WithdrawalRejected", WithdrawalEvents.WithdrawalRejected.class);
        names.put("trade.TradeRequested", TradeEvents.TradeRequested.class);
        names.put("trade.TradeOpened", TradeEvents.TradeOpened.class);
        names.put("trade.TradeRefused", TradeEvents.TradeRefused.class);
        names.put("trade.TradeCompleted", TradeEvents.TradeCompleted.class);
        names.put("trade.TradeCancelled", TradeEvents.TradeCancelled.class);
        names.put("swap.SwapRequested", SwapEvents.SwapRequested.class);
        names.put("swap.SwapFunded", SwapEvents.SwapFunded.class);
        names.put("swap.SwapRefused", SwapEvents.SwapRefused.class);
        names.put("swap.SwapCompleted", SwapEvents.SwapCompleted.class);
        names.put("expressbuy.ExpressBuyPlaced", ExpressBuyEvents.ExpressBuyPlaced.class);
        names.put("expressbuy.ExpressBuyCompleted", ExpressBuyEvents.ExpressBuyCompleted.class);
        names.put("expressbuy.ExpressBuyRefused", ExpressBuyEvents.ExpressBuyRefused.class);
        names.put("deposit.PaymentNotificationRecorded", DepositEvents.PaymentNotificationRecorded.class);
        names.put("deposit.DepositCreditDue", DepositEvents.DepositCreditDue.class);
        names.put("deposit.DepositReviewRequired", DepositEvents.DepositReviewRequired.class);
        names.put("referral.ReferrerSet", ReferrerSet.class);
        BY_NAME = Collections.unmodifiableMap(names);
        Map<Class<?>, String> classes = new LinkedHashMap<>();
        names.forEach((name, type) -> classes.put(type, name));
        BY_CLASS = Collections.unmodifiableMap(classes);
    }

    private StoredTypes() {
    }

    public static Optional<String> nameOf(Class<?> type) {
        return Optional.ofNullable(BY_CLASS.get(type));
    }

    public static Optional<Class<?>> typeNamed(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Map<String, Class<?>> all() {
        return BY_NAME;
    }

    /** The aggregates whose events and snapshots are stored; each event type they apply needs a stored name. */
    static final List<Class<?>> AGGREGATES = List.of(WalletAccount.class, Deposit.class, Withdrawal.class, Trade.class,
            Swap.class, ExpressBuy.class, Referral.class);

    /** The classes that hold a flow's event records as nested types. */
    static final List<Class<?>> EVENT_HOLDERS = List.of(DepositEvents.class, WithdrawalEvents.class, TradeEvents.class,
            SwapEvents.class, ExpressBuyEvents.class);

    /**
     * Refuses, at start-up, a ledger event type without a stored name: written under its Java class name it would
     * be lost to the first rename, and found only at a replay. Called whenever the ledger's serializer is made.
     */
    public static void requireEveryEventNamed() {
        List<String> unnamed = unnamed(AGGREGATES, EVENT_HOLDERS);
        if (!unnamed.isEmpty()) {
            throw new IllegalStateException("ledger event types without a stored name (add them to StoredTypes): " + unnamed);
        }
    }

    /** The event types applied by {@code aggregates} or nested in {@code holders} that have no stored name. */
    static List<String> unnamed(List<Class<?>> aggregates, List<Class<?>> holders) {
        Set<Class<?>> types = new LinkedHashSet<>();
        for (Class<?> aggregate : aggregates) {
            for (Method method : aggregate.getDeclaredMethods()) {
                if (method.isAnnotationPresent(EventSourcingHandler.class) && method.getParameterCount() > 0) {
                    collect(method.getParameterTypes()[0], types);
                }
            }
        }
        for (Class<?> holder : holders) {
            for (Class<?> nested : holder.getDeclaredClasses()) {
                collect(nested, types);
            }
        }
        return types.stream().filter(type -> !BY_CLASS.containsKey(type)).map(Class::getName).sorted().toList();
    }

    /** A sealed interface stands for the records it permits. */
    private static void collect(Class<?> type, Set<Class<?>> into) {
        if (type.isSealed()) {
            for (Class<?> permitted : type.getPermittedSubclasses()) {
                collect(permitted, into);
            }
        } else if (type.isRecord()) {
            into.add(type);
        }
    }
}
