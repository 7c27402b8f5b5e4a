package com.exchange.ledger.projections.audit;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Bucket;
import com.exchange.ledger.core.shared.Posting;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.BalanceMigrated;
import com.exchange.ledger.core.wallet.FundsLocked;
import com.exchange.ledger.core.wallet.HoldReleased;
import com.exchange.ledger.core.wallet.HoldReleasedToAccount;
import com.exchange.ledger.core.wallet.HoldUnlocked;
import com.exchange.ledger.core.wallet.WalletEvent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every account recomputed from nothing but the events: the postings of each event applied one by one, user and
 * system accounts alike. It trusts nothing the events say about themselves (the recorded {@code after} balances
 * are compared, not used).
 */
public final class LedgerReplay {

    /** Wallet accounts by key, buckets recomputed from postings. */
    private final Map<String, Buckets> wallets = new TreeMap<>();
    /** System account balances by currency, then by account name. */
    private final Map<String, Map<String, BigDecimal>> systems = new TreeMap<>();
    private final Map<String, OpenHold> openHolds = new TreeMap<>();
    private final Map<String, String> recordedMismatches = new TreeMap<>();
    private long events;

    /** A hold not yet settled, with when it was taken. */
    public record OpenHold(String account, String holdId, BigDecimal amount, Instant lockedAt) {
    }

    static final class Buckets {
        BigDecimal available = BigDecimal.ZERO;
        BigDecimal locked = BigDecimal.ZERO;
        BigDecimal savings = BigDecimal.ZERO;

        AccountBalances balances() {
            return new AccountBalances(available, locked, savings);
        }
    }

    public void apply(WalletEvent event, Instant occurredAt) {
        events++;
        for (Posting posting : event.postings()) {
            BigDecimal delta = posting.delta().amount();
            if (posting.account() instanceof AccountId account) {
                Buckets buckets = wallets.computeIfAbsent(account.key(), k -> new Buckets());
                switch (posting.bucket()) {
                    case AVAILABLE -> buckets.available = buckets.available.add(delta);
                    case LOCKED -> buckets.locked = buckets.locked.add(delta);
                    case SAVINGS -> buckets.savings = buckets.savings.add(delta);
                    case BALANCE -> throw new IllegalStateException("a wallet posting in the BALANCE bucket");
                }
            } else {
                systems.computeIfAbsent(posting.delta().currency(), c -> new TreeMap<>())
                        .merge(((SystemAccount) posting.account()).name(), delta, BigDecimal::add);
            }
        }
        String account = event.account().key();
        if (event instanceof FundsLocked locked) {
            openHolds.put(account + "|" + locked.holdId(), new OpenHold(account, locked.holdId().value(), locked.amount().amount(), occurredAt));
        } else if (event instanceof HoldUnlocked e) {
            openHolds.remove(account + "|" + e.holdId());
        } else if (event instanceof HoldReleased e) {
            openHolds.remove(account + "|" + e.holdId());
        } else if (event instanceof HoldReleasedToAccount e) {
            openHolds.remove(account + "|" + e.holdId());
        } else if (event instanceof BalanceMigrated e && e.holdId() != null) {
            openHolds.put(account + "|" + e.holdId(), new OpenHold(account, e.holdId().value(), e.locked().amount(), occurredAt));
        }
        AccountBalances recomputed = wallets.get(account).balances();
        if (!sameAmounts(recomputed, event.after())) {
            recordedMismatches.put(account, "event records " + event.after() + " but postings give " + recomputed);
        }
    }

    static boolean sameAmounts(AccountBalances a, AccountBalances b) {
        return a.available().compareTo(b.available()) == 0 && a.locked().compareTo(b.locked()) == 0
                && a.savings().compareTo(b.savings()) == 0;
    }

    public Map<String, AccountBalances> walletBalances() {
        Map<String, AccountBalances> result = new TreeMap<>();
        wallets.forEach((key, buckets) -> result.put(key, buckets.balances()));
        return result;
    }

    public Map<String, Map<String, BigDecimal>> systemBalances() {
        return systems;
    }

    public Map<String, OpenHold> openHolds() {
        return openHolds;
    }

    public Map<String, String> recordedMismatches() {
        return recordedMismatches;
    }

    public long events() {
        return events;
    }

}
