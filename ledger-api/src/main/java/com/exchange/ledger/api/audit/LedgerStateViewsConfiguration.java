package com.exchange.ledger.api.audit;

import com.exchange.ledger.projections.holds.OpenHoldsQueries;
import com.exchange.ledger.projections.system.SystemBalancesQueries;
import com.exchange.ledger.projections.transfers.TransfersQueries;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reads of the exchange-wide views (open holds, system balances, transfers) the auditors' endpoints and the gauges use. */
@Configuration(proxyBeanMethods = false)
class LedgerStateViewsConfiguration {

    @Bean
    OpenHoldsQueries openHoldsQueries(MongoDatabase ledgerDatabase,
                                      com.mongodb.reactivestreams.client.MongoDatabase reactiveLedgerDatabase) {
        return new OpenHoldsQueries(ledgerDatabase, reactiveLedgerDatabase);
    }

    @Bean
    TransfersQueries transfersQueries(MongoDatabase ledgerDatabase,
                                      com.mongodb.reactivestreams.client.MongoDatabase reactiveLedgerDatabase) {
        return new TransfersQueries(ledgerDatabase, reactiveLedgerDatabase);
    }

    @Bean
    SystemBalancesQueries systemBalancesQueries(com.mongodb.reactivestreams.client.MongoDatabase reactiveLedgerDatabase) {
        return new SystemBalancesQueries(reactiveLedgerDatabase);
    }
}
