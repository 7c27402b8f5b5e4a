package com.exchange.ledger.projections.wallets;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.UserId;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.reactivestreams.Publisher;

import java.math.BigDecimal;
import java.util.List;

/**
 * The reads of the {@code wallets} view {@link WalletsProjection} writes, with the reactive driver: the API asks
 * these methods and maps their documents with {@link #wallet(Document)}, so the documents' field names and ids stay
 * this package's business. Amounts come back at the currency's scale, as they were stored.
 */
public class WalletsQueries {

    public record Wallet(String currency, BigDecimal available, BigDecimal locked, BigDecimal savings, BigDecimal total) {
    }

    private final MongoDatabase reactiveDatabase;

    public WalletsQueries(MongoDatabase reactiveDatabase) {
        this.reactiveDatabase = reactiveDatabase;
    }

    /**
     * A user's wallet documents in the given currencies, by their ids (the account's key): point look-ups on the
     * unique {@code _id}, which cost the same however many wallets exist, on MongoDB and on the embedded store (which
     * would scan the whole collection for {@code user_id}). In no particular order; a currency never used has none.
     */
    public Publisher<Document> ofUser(UserId user, List<String> currencyCodes) {
        List<String> ids = currencyCodes.stream().map(code -> new AccountId(user, code).key()).toList();
        return reactiveDatabase.getCollection(WalletsProjection.COLLECTION).find(Filters.in("_id", ids));
    }

    public static Wallet wallet(Document d) {
        return new Wallet(d.getString("currency"), amount(d, "available_balance"), amount(d, "locked_balance"),
                amount(d, "savings_balance"), amount(d, "total_balance"));
    }

    private static BigDecimal amount(Document wallet, String field) {
        return ((Decimal128) wallet.get(field)).bigDecimalValue();
    }
}
