package com.exchange.ledger.core.shared;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The currencies the ledger keeps and their precision. Configuration: the service builds it from its settings. */
public final class CurrencyTable {

    private final Map<String, Currency> byCode;

    public CurrencyTable(Map<String, Integer> decimalsByCode) {
        if (decimalsByCode.isEmpty()) {
            throw new IllegalArgumentException("the currency table must not be empty");
        }
        Map<String, Currency> table = new LinkedHashMap<>();
        decimalsByCode.forEach((code, decimals) -> table.put(code, new Currency(code, decimals)));
        this.byCode = Collections.unmodifiableMap(table);
    }

    /** The exchange's default table. */
    public static CurrencyTable defaults() {
        Map<String, Integer> table = new LinkedHashMap<>();
        table.put("BTC", 8);
        table.put("ETH", 18);
        table.put("USDT", 6);
        table.put("USDC", 6);
        table.put("BNB", 18);
        table.put("SOL", 9);
        table.put("XRP", 6);
        table.put("LTC", 8);
        table.put("DOGE", 8);
        table.put("TRX", 6);
        table.put("USD", 2);
        table.put("EUR", 2);
        table.put("GBP", 2);
        return new CurrencyTable(table);
    }

    public Optional<Currency> find(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code));
    }

    public Currency require(String code) {
        return require(code, "currency");
    }

    /** The currency a request names in {@code field} ({@code to_currency}); a refusal names that field. */
    public Currency require(String code, String field) {
        return find(code).orElseThrow(() -> LedgerRejection.invalid(RejectionCode.UNKNOWN_CURRENCY, field,
                code == null ? RuleViolation.Rule.FIELD_REQUIRED : RuleViolation.Rule.UNKNOWN_CURRENCY, "unknown currency: %s",
                code == null ? "(missing)" : code.length() > 16 ? code.substring(0, 16) + "…" : code));
    }

    public Collection<Currency> all() {
        return byCode.values();
    }
}
