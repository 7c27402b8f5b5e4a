package com.exchange.ledger.core.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * The exchange's own side of a movement, one per currency: money entering or leaving ({@code external:*}), the
 * exchange's income and inventory ({@code system:*}) and money between two wallets ({@code transit:*}).
 * <p>
 * A system account is not an aggregate. Its balance is the sum of the counter-postings the wallet events carry, so
 * a hot account like {@code system:fees} is never a lock that commands queue on. System accounts may be negative:
 * {@code external:nowpayments} is minus everything ever deposited.
 */
public record SystemAccount(@JsonValue String name) implements LedgerAccount {

    /** Declared before the constants below: static fields initialize in order, and they are validated against it. */
    private static final Pattern NAME = Pattern.compile("(external|system|transit):[a-z0-9_-]{1,40}");

    public static final SystemAccount NOWPAYMENTS = new SystemAccount("external:nowpayments");
    public static final SystemAccount WITHDRAWALS = new SystemAccount("external:withdrawals");
    public static final SystemAccount MIGRATION = new SystemAccount("external:migration");
    public static final SystemAccount FEES = new SystemAccount("system:fees");
    public static final SystemAccount TREASURY = new SystemAccount("system:treasury");
    /** Money sent by one wallet and not yet received by the other: the in-flight total. */
    public static final SystemAccount TRANSFERS_IN_FLIGHT = new SystemAccount("transit:transfers");

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public SystemAccount {
        if (name == null || !NAME.matcher(name).matches()) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "account", RuleViolation.Rule.INVALID_FORMAT,
                    "system account must look like external:name, system:name or transit:name");
        }
    }

    public static SystemAccount of(String name) {
        return new SystemAccount(name);
    }

    public boolean isTransit() {
        return name.startsWith("transit:");
    }

    @Override
    public String key() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
