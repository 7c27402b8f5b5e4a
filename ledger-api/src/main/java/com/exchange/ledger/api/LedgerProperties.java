package com.exchange.ledger.api;

import com.exchange.ledger.core.shared.CurrencyTable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service's settings. The deployment variables of docs/api.md map onto them in application.yml
 * ({@code MONGO_URL}, {@code DB_NAME}, {@code IS_STAGING}, ...).
 *
 * @param mongoUrl          the MongoDB deployment; blank starts the embedded store
 * @param dbName            the database holding the event store, tokens and projections
 * @param staging           false is production mode: unsafe settings refuse to start
 * @param dataDir           where the embedded store keeps its file
 * @param currencies        currency code to number of decimals; empty means the default table
 * @param gapTimeout        how long a missing event index is waited for by tracking readers
 * @param snapshotThreshold events after which an account is snapshotted
 * @param cacheSize         how many accounts stay warm in memory
 * @param groupCommit       limits of the event store's group commit (ADR 0010)
 */
@ConfigurationProperties(prefix = "ledger")
public record LedgerProperties(
        String mongoUrl,
        @DefaultValue("wallet_ledger") String dbName,
        @DefaultValue("true") boolean staging,
        @DefaultValue("./data") Path dataDir,
        Map<String, Integer> currencies,
        @DefaultValue("60s") Duration gapTimeout,
        @DefaultValue("50") int snapshotThreshold,
        @DefaultValue("100000") int cacheSize,
        @DefaultValue GroupCommit groupCommit) {

    /**
     * Appends that arrive together are written as one group (ADR 0010).
     *
     * @param maxEvents    events in one group (one index allocation, one insert)
     * @param maxBytes     about this many bytes of events in one group; an append larger than that is written alone
     * @param gatherMicros how long a group's first append waits for others to join; 0: not at all (those arriving
     *                     while a group is written form the next group anyway)
     * @param writeStages  how many groups may be written at once (each its own index allocation and insert)
     */
    public record GroupCommit(@DefaultValue("128") int maxEvents, @DefaultValue("4194304") long maxBytes,
                              @DefaultValue("0") long gatherMicros, @DefaultValue("1") int writeStages) {
    }

    public boolean embedded() {
        return mongoUrl == null || mongoUrl.isBlank();
    }

    public CurrencyTable currencyTable() {
        if (currencies == null || currencies.isEmpty()) {
            return CurrencyTable.defaults();
        }
        // environment variables bind map keys in lower case (LEDGER_CURRENCIES_XYZ -> xyz)
        Map<String, Integer> table = new LinkedHashMap<>();
        currencies.forEach((code, decimals) -> table.put(code.toUpperCase(java.util.Locale.ROOT), decimals));
        return new CurrencyTable(table);
    }
}
