package com.exchange.ledger.api.startup;

import com.exchange.ledger.api.LedgerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says, once the service is up, which store and mode it runs with. */
@Component
class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final LedgerProperties properties;

    StartupReport(LedgerProperties properties) {
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (!properties.staging()) {
            log.info("RUNNING IN PRODUCTION MODE");
        }
        log.info("Central Wallet Service initialized (store: {}, database: {}, currencies: {})",
                properties.embedded() ? "embedded, persisted in " + properties.dataDir().toAbsolutePath() : "MongoDB",
                properties.dbName(), properties.currencyTable().all().size());
    }
}
