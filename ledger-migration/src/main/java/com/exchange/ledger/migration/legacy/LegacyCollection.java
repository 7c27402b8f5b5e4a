package com.exchange.ledger.migration.legacy;

import java.util.List;

/**
 * The four legacy balance collections and where each keeps its amounts (docs/design.md, "Legacy data"). Where a
 * generation of code used another field name, both are listed; a row carrying both with different values is
 * ambiguous and rejected, never guessed.
 */
public enum LegacyCollection {

    INTERNAL("internal_balances", List.of("balance"), List.of("locked_balance"), List.of()),
    TRADER("trader_balances", List.of("available_balance"), List.of("locked_balance"), List.of()),
    CRYPTO("crypto_balances", List.of("balance", "amount"), List.of(), List.of()),
    SAVINGS("savings_balances", List.of(), List.of(), List.of("amount", "savings_balance"));

    /** Currency field names, in every collection. */
    public static final List<String> CURRENCY_FIELDS = List.of("currency", "coin");

    private final String collectionName;
    private final List<String> availableFields;
    private final List<String> lockedFields;
    private final List<String> savingsFields;

    LegacyCollection(String collectionName, List<String> availableFields, List<String> lockedFields, List<String> savingsFields) {
        this.collectionName = collectionName;
        this.availableFields = availableFields;
        this.lockedFields = lockedFields;
        this.savingsFields = savingsFields;
    }

    public String collectionName() {
        return collectionName;
    }

    public List<String> availableFields() {
        return availableFields;
    }

    public List<String> lockedFields() {
        return lockedFields;
    }

    public List<String> savingsFields() {
        return savingsFields;
    }

    /** The amount a row must have: available, or savings for the savings collection. Locked is optional (absent = 0). */
    public boolean savingsOnly() {
        return availableFields.isEmpty();
    }
}
