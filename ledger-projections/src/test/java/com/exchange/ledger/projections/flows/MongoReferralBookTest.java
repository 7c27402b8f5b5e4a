package com.exchange.ledger.projections.flows;

import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.referral.ReferralCommissionPolicy;
import com.exchange.ledger.core.referral.ReferrerSet;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.TransferId;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.TransferSent;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.projections.eventstore.WireMongo;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static com.exchange.ledger.core.testing.LedgerFixtures.btc;
import static com.exchange.ledger.projections.Fixtures.after;
import static com.exchange.ledger.projections.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("MongoReferralBook: the commission policy's batch reads its fee payers' referrals with one query")
class MongoReferralBookTest {

    private static final int PAYERS = 30;

    private final WireMongo mongo = new WireMongo();
    private final AtomicLong referralFinds = new AtomicLong();
    private final MongoClient listened = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(mongo.connectionString()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if ("find".equals(event.getCommandName())
                            && MongoReferralBook.COLLECTION.equals(event.getCommand().getString("find").getValue())) {
                        referralFinds.incrementAndGet();
                    }
                }
            })
            .build());
    private final List<CreditAccount> commissions = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        listened.close();
        mongo.close();
    }

    private AnnotationEventHandlerAdapter policy(MongoDatabase database) {
        CommandSender sender = new CommandSender() {
            @Override
            public <R> R send(Object command) {
                commissions.add((CreditAccount) command);
                return null;
            }
        };
        return new AnnotationEventHandlerAdapter(new ReferralCommissionPolicy(new MongoReferralBook(database),
                new WalletCommandGateway(sender, (account, key) -> java.util.Optional.empty())));
    }

    private static TransferSent feePaidBy(int payer) {
        AccountId account = AccountId.of("payer-" + payer, "BTC");
        return new TransferSent(account, TransferId.of("t-" + payer), AccountId.of("someone", "BTC"), btc("1"), btc("0.01"),
                after("5", "0", "0"));
    }

    private static ReferrerSet referral(int payer, String rate) {
        return new ReferrerSet(UserId.of("payer-" + payer), UserId.of("referrer-" + payer), new BigDecimal(rate), at(payer));
    }

    @Test
    @DisplayName("30 fee payers in one batch: one find; a referral recorded in the batch counts for the later fees only")
    void oneFindPerBatch() {
        MongoDatabase database = listened.getDatabase(mongo.freshDatabase().getName());
        AnnotationEventHandlerAdapter policy = policy(database);
        // payer-1 was referred before the batch, at 10 %
        new MongoReferralBook(database).record(referral(1, "0.1"));
        referralFinds.set(0);

        List<EventMessage<?>> messages = new ArrayList<>();
        messages.add(new GenericEventMessage<>(feePaidBy(0)));           // before payer-0's referral: no commission
        messages.add(new GenericEventMessage<>(referral(0, "0.5")));
        messages.add(new GenericEventMessage<>(referral(1, "0.2")));     // payer-1's rate rises to 20 %
        for (int payer = 0; payer < PAYERS; payer++) {
            messages.add(new GenericEventMessage<>(feePaidBy(payer)));
        }
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(messages);
        var result = batch.executeWithResult(() -> policy.handle(batch.getMessage()));

        assertThat(result.isExceptional()).as("%s", result.optionalExceptionResult()).isFalse();
        assertThat(referralFinds.get()).isEqualTo(1);
        Map<String, String> paid = commissions.stream().collect(Collectors.toMap(c -> c.account().key(),
                c -> c.amount().amount().toPlainString()));
        assertThat(paid).containsExactlyInAnyOrderEntriesOf(Map.of("referrer-0/BTC", "0.00500000", "referrer-1/BTC", "0.00200000"));
    }

    @Test
    @DisplayName("outside a batch each question is one find, as before")
    void outsideABatch() throws Exception {
        MongoDatabase database = listened.getDatabase(mongo.freshDatabase().getName());
        AnnotationEventHandlerAdapter policy = policy(database);
        policy.handle(new GenericEventMessage<>(referral(3, "0.1")));
        policy.handle(new GenericEventMessage<>(feePaidBy(3)));
        policy.handle(new GenericEventMessage<>(feePaidBy(4)));
        assertThat(referralFinds.get()).isEqualTo(2);
        assertThat(commissions).singleElement().satisfies(c -> assertThat(c.amount().amount().toPlainString()).isEqualTo("0.00100000"));
    }
}
