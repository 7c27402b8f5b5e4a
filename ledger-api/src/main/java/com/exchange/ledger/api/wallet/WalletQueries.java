package com.exchange.ledger.api.wallet;

import com.exchange.ledger.api.pricing.PriceSource;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.projections.transactions.TransactionsProjection;
import com.exchange.ledger.projections.wallets.WalletsProjection;
import org.bson.conversions.Bson;
import java.util.Set;
import java.util.TreeSet;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Balances and portfolio of a user, read from the {@code wallets} view with the reactive driver. */
@Service
public class WalletQueries {

    public static final int MAX_PAGE = 200;
    static final Set<String> TYPES = Set.of("credit", "debit", "lock", "unlock", "release", "to_savings", "from_savings",
            "transfer_out", "transfer_in", "transfer_returned");

    private final MongoCollection<Document> wallets;
    private final MongoCollection<Document> transactions;
    private final PriceSource prices;
    private final CurrencyTable currencies;

    public WalletQueries(MongoDatabase reactiveLedgerDatabase, PriceSource prices, CurrencyTable currencies) {
        this.wallets = reactiveLedgerDatabase.getCollection(WalletsProjection.COLLECTION);
        this.transactions = reactiveLedgerDatabase.getCollection(TransactionsProjection.COLLECTION);
        this.prices = prices;
        this.currencies = currencies;
    }

    /** A user's movements, newest first, a page at a time; the cursor is opaque to callers. */
    public Mono<WalletViews.TransactionPage> transactions(UserId user, String currency, String type, int limit, String cursor) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "limit", RuleViolation.Rule.OUT_OF_RANGE, "limit must be 1-%d", MAX_PAGE);
        }
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("user_id", user.value()));
        if (currency != null) {
            filters.add(Filters.eq("currency", currencies.require(currency).code()));
        }
        if (type != null) {
            if (!TYPES.contains(type)) {
                throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "type", RuleViolation.Rule.UNKNOWN_VALUE, "type must be one of %s", new TreeSet<>(TYPES));
            }
            filters.add(Filters.eq("type", type));
        }
        if (cursor != null) {
            filters.add(Filters.lt("global_index", Cursors.decode(cursor)));
        }
        return Flux.from(transactions.find(Filters.and(filters)).sort(Sorts.descending("global_index")).limit(limit + 1))
                .collectList()
                .map(documents -> {
                    boolean more = documents.size() > limit;
                    List<Document> page = more ? documents.subList(0, limit) : documents;
                    List<WalletViews.Transaction> items = page.stream().map(WalletQueries::transaction).toList();
                    String next = more ? Cursors.encode(((Number) page.get(page.size() - 1).get("global_index")).longValue()) : null;
                    return new WalletViews.TransactionPage(items, next);
                });
    }

    private static WalletViews.Transaction transaction(Document d) {
        return new WalletViews.Transaction(d.getString("_id"), d.getString("operation_id"), d.getString("type"),
                d.getString("currency"), plain(d, "amount"), d.getString("direction"), plain(d, "available_after"),
                plain(d, "locked_after"), plain(d, "savings_after"), d.getString("counterparty"), d.getString("reason"),
                d.getDate("created_at").toInstant());
    }

    /**
     * A user's wallet documents, by their ids ({@code user/CURRENCY} for each configured currency): point look-ups on
     * the unique {@code _id}, which cost the same however many wallets exist, on MongoDB and on the embedded store
     * (which would scan the whole collection for {@code user_id}).
     */
    private Flux<Document> walletsOf(UserId user) {
        List<String> ids = currencies.all().stream().map(currency -> user.value() + "/" + currency.code()).toList();
        return Flux.from(wallets.find(Filters.in("_id", ids))).sort(java.util.Comparator.comparing(d -> d.getString("currency")));
    }

    public Mono<WalletViews.Balances> balances(UserId user) {
        return walletsOf(user).collectList().map(documents -> {
            List<WalletViews.Balance> balances = new ArrayList<>();
            BigDecimal totalUsd = BigDecimal.ZERO.setScale(2);
            for (Document wallet : documents) {
                String currency = wallet.getString("currency");
                BigDecimal total = amount(wallet, "total_balance");
                Optional<BigDecimal> price = prices.usdPrice(currency);
                Optional<BigDecimal> value = price.map(p -> usd(total, p));
                totalUsd = totalUsd.add(value.orElse(BigDecimal.ZERO));
                balances.add(new WalletViews.Balance(currency, plain(wallet, "available_balance"), plain(wallet, "locked_balance"),
                        plain(wallet, "savings_balance"), total.toPlainString(),
                        price.map(BigDecimal::toPlainString).orElse(null), value.map(BigDecimal::toPlainString).orElse(null)));
            }
            return new WalletViews.Balances(user.value(), balances, totalUsd.toPlainString());
        });
    }

    public Mono<WalletViews.Portfolio> portfolio(UserId user) {
        return walletsOf(user).collectList().map(documents -> {
            List<Document> priced = new ArrayList<>();
            List<BigDecimal> values = new ArrayList<>();
            for (Document wallet : documents) {
                BigDecimal total = amount(wallet, "total_balance");
                Optional<BigDecimal> price = prices.usdPrice(wallet.getString("currency"));
                if (total.signum() > 0 && price.isPresent()) {
                    priced.add(wallet);
                    values.add(usd(total, price.get()));
                }
            }
            List<BigDecimal> percentages = Allocation.percentages(values);
            List<WalletViews.Asset> assets = new ArrayList<>();
            for (int i = 0; i < priced.size(); i++) {
                Document wallet = priced.get(i);
                String currency = wallet.getString("currency");
                assets.add(new WalletViews.Asset(currency, plain(wallet, "total_balance"),
                        prices.usdPrice(currency).orElseThrow().toPlainString(), values.get(i).toPlainString(),
                        percentages.get(i).toPlainString()));
            }
            BigDecimal totalUsd = values.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
            return new WalletViews.Portfolio(user.value(), totalUsd.toPlainString(), prices.pricedAt(), assets);
        });
    }

    private static BigDecimal usd(BigDecimal amount, BigDecimal price) {
        return amount.multiply(price).setScale(2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal amount(Document wallet, String field) {
        return ((Decimal128) wallet.get(field)).bigDecimalValue();
    }

    private static String plain(Document wallet, String field) {
        return amount(wallet, field).toPlainString();
    }
}
