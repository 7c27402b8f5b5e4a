package com.exchange.ledger.benchmarks.legacy;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.TransferId;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The legacy in-place design the ledger replaces: one balance document per account ({@code _id} the account's key,
 * {@code user/currency}), changed where it lies. A transfer is three store commands and nothing else: a conditional
 * {@code $inc} that takes the amount from the sender only while the balance covers it, an {@code $inc} on the
 * recipient, and an insert into the history. No events, no idempotency, no audit trail: the yardstick of speed a user
 * would otherwise choose, not a design to copy.
 */
public final class LegacyLedger {

    public static final String BALANCES = "legacy_balances";
    public static final String HISTORY = "legacy_history";
    /** The collections the legacy design touches, to count its commands apart from the service's. */
    public static final Set<String> COLLECTIONS = Set.of(BALANCES, HISTORY);

    private final MongoCollection<Document> balances;
    private final MongoCollection<Document> history;

    public LegacyLedger(MongoDatabase database) {
        this.balances = database.getCollection(BALANCES);
        this.history = database.getCollection(HISTORY);
    }

    /** Opens these accounts, each with {@code balance}, in one insert (seeding, not measured). */
    public void open(Collection<AccountId> accounts, Money balance) {
        List<Document> documents = new ArrayList<>(accounts.size());
        for (AccountId account : accounts) {
            documents.add(new Document("_id", account.key()).append("currency", account.currency())
                    .append("balance", new Decimal128(balance.amount())));
        }
        if (!documents.isEmpty()) {
            balances.insertMany(documents);
        }
    }

    /**
     * One transfer the legacy way. False, after one command and with nothing changed, when the sender's balance does not
     * cover the amount (or the sender has no account). The recipient's document is created by its {@code $inc} when
     * missing (an upsert, as the legacy code credited new users), so money taken from the sender never vanishes.
     */
    public boolean transfer(TransferId transfer, AccountId from, AccountId to, Money amount) {
        Decimal128 taken = new Decimal128(amount.amount());
        if (balances.updateOne(Filters.and(Filters.eq("_id", from.key()), Filters.gte("balance", taken)),
                Updates.inc("balance", new Decimal128(amount.amount().negate()))).getModifiedCount() == 0) {
            return false;
        }
        balances.updateOne(Filters.eq("_id", to.key()), Updates.combine(Updates.inc("balance", taken),
                Updates.setOnInsert("currency", to.currency())), new UpdateOptions().upsert(true));
        history.insertOne(new Document("transfer_id", transfer.value()).append("from", from.key()).append("to", to.key())
                .append("amount", taken).append("at", new Date()));
        return true;
    }

    /** The account's balance, when it has a document. */
    public Optional<BigDecimal> balance(AccountId account) {
        Document document = balances.find(Filters.eq("_id", account.key())).first();
        return Optional.ofNullable(document).map(found -> ((Decimal128) found.get("balance")).bigDecimalValue());
    }

    /** How many transfers the history holds from this account. */
    public long transfersFrom(AccountId account) {
        return history.countDocuments(Filters.eq("from", account.key()));
    }
}
