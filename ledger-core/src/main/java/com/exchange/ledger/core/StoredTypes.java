package com.exchange.ledger.core;

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

import java.util.Collections;
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
        names.put("wallet.WalletAccount.snapshot", WalletAccount.class);
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
}
