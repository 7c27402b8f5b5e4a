package com.exchange.ledger.api.flow;

import com.exchange.ledger.projections.flows.FlowQueries;
import com.mongodb.client.MongoDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The reads of the flow views the GET endpoints answer from (trades, swaps, express buys, deposits by id). */
@Configuration(proxyBeanMethods = false)
class FlowQueriesConfiguration {

    @Bean
    FlowQueries flowQueries(MongoDatabase ledgerDatabase) {
        FlowQueries queries = new FlowQueries(ledgerDatabase);
        queries.ensureIndexes();
        return queries;
    }
}
