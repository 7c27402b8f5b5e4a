package com.exchange.ledger.api.wallet;

import com.exchange.ledger.projections.transactions.TransactionsQueries;
import com.exchange.ledger.projections.wallets.WalletsQueries;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reads of the per-user views (wallets, transactions) the balance, portfolio and history endpoints answer from. */
@Configuration(proxyBeanMethods = false)
class WalletViewsConfiguration {

    @Bean
    WalletsQueries walletsQueries(MongoDatabase reactiveLedgerDatabase) {
        return new WalletsQueries(reactiveLedgerDatabase);
    }

    @Bean
    TransactionsQueries transactionsQueries(MongoDatabase reactiveLedgerDatabase) {
        return new TransactionsQueries(reactiveLedgerDatabase);
    }
}
