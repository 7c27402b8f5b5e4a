package com.exchange.ledger.api.flow;

import com.exchange.ledger.core.deposit.Deposit;
import com.exchange.ledger.core.deposit.DepositProcess;
import com.exchange.ledger.core.expressbuy.ExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyProcess;
import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.process.FollowUps;
import com.exchange.ledger.core.process.ProductFlows;
import com.exchange.ledger.core.referral.Referral;
import com.exchange.ledger.core.referral.ReferralBook;
import com.exchange.ledger.core.referral.ReferralCommissionPolicy;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.swap.Swap;
import com.exchange.ledger.core.swap.SwapProcess;
import com.exchange.ledger.core.trade.Trade;
import com.exchange.ledger.core.trade.TradeProcess;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.core.withdrawal.Withdrawal;
import com.exchange.ledger.core.withdrawal.WithdrawalProcess;
import com.exchange.ledger.projections.flows.FlowsProjection;
import com.exchange.ledger.projections.flows.MongoReferralBook;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;

/**
 * The product flows' wiring: their aggregates in the one event store, their processes, the flows read model and the
 * referral book. The settlement handlers share the {@code product-flows} processor; commissions run in their own.
 */
@Configuration(proxyBeanMethods = false)
public class FlowConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ConfigurerModule flowAggregates() {
        return configurer -> List.of(Withdrawal.class, Trade.class, Swap.class, ExpressBuy.class, Deposit.class, Referral.class)
                .forEach(type -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(type)));
    }

    /** A failing step is retried by its processor, never skipped: a decided flow must settle. */
    @Bean
    ConfigurerModule flowErrorHandling() {
        return configurer -> {
            configurer.eventProcessing().registerListenerInvocationErrorHandler(ProductFlows.PROCESSING_GROUP,
                    c -> PropagatingErrorHandler.instance());
            configurer.eventProcessing().registerListenerInvocationErrorHandler(ReferralCommissionPolicy.PROCESSING_GROUP,
                    c -> PropagatingErrorHandler.instance());
        };
    }

    @Bean
    WithdrawalProcess withdrawalProcess(CommandSender commandSender, WalletCommandGateway wallets, FollowUps followUps) {
        return new WithdrawalProcess(commandSender, wallets, followUps);
    }

    @Bean
    TradeProcess tradeProcess(CommandSender commandSender, WalletCommandGateway wallets, FollowUps followUps) {
        return new TradeProcess(commandSender, wallets, followUps);
    }

    @Bean
    SwapProcess swapProcess(CommandSender commandSender, WalletCommandGateway wallets, FollowUps followUps) {
        return new SwapProcess(commandSender, wallets, followUps);
    }

    @Bean
    ExpressBuyProcess expressBuyProcess(CommandSender commandSender, WalletCommandGateway wallets) {
        return new ExpressBuyProcess(commandSender, wallets);
    }

    @Bean
    DepositProcess depositProcess(CommandSender commandSender, WalletCommandGateway wallets, FollowUps followUps) {
        return new DepositProcess(commandSender, wallets, followUps);
    }

    @Bean
    ReferralBook referralBook(MongoDatabase ledgerDatabase) {
        return new MongoReferralBook(ledgerDatabase);
    }

    @Bean
    ReferralCommissionPolicy referralCommissionPolicy(ReferralBook referralBook, WalletCommandGateway wallets) {
        return new ReferralCommissionPolicy(referralBook, wallets);
    }

    @Bean
    FlowsProjection flowsProjection(MongoDatabase ledgerDatabase, CurrencyTable currencyTable) {
        FlowsProjection projection = new FlowsProjection(ledgerDatabase, currencyTable);
        projection.ensureIndexes();
        return projection;
    }

    /** The five flow views, each with its own handlers, on the one processing group of the flows. */
    @Bean
    ConfigurerModule flowViews(FlowsProjection flowsProjection) {
        return configurer -> flowsProjection.views().forEach(view -> configurer.eventProcessing().registerEventHandler(c -> view));
    }
}
