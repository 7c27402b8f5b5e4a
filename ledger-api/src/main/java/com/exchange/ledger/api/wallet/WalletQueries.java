package com.exchange.ledger.api.wallet;

import com.exchange.ledger.api.pricing.PriceSource;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.projections.transactions.TransactionsQueries;
import com.exchange.ledger.projections.wallets.WalletsQueries;
import com.exchange.ledger.projections.wallets.WalletsQueries.Wallet;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
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

    private final WalletsQueries wallets;
    private final TransactionsQueries transactions;
    private final PriceSource prices;
    private final CurrencyTable currencies;

    public WalletQueries(WalletsQueries wallets, TransactionsQueries transactions, PriceSource prices, CurrencyTable currencies) {
        this.wallets = wallets;
        this.transactions = transactions;
        this.prices = prices;
        this.currencies = currencies;
    }

    /** A user's movements, newest first, a page at a time; the cursor is opaque to callers. */
    public Mono<WalletViews.TransactionPage> transactions(UserId user, String currency, String type, int limit, String cursor) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "limit", RuleViolation.Rule.OUT_OF_RANGE, "limit must be 1-%d", MAX_PAGE);
        }
        String code = currency == null ? null : currencies.require(currency).code();
        if (type != null && !TYPES.contains(type)) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "type", RuleViolation.Rule.UNKNOWN_VALUE, "type must be one of %s", new TreeSet<>(TYPES));
        }
        Long before = cursor == null ? null : Cursors.decode(cursor);
        return Flux.from(transactions.newestFirst(user.value(), code, type, before, limit + 1))
                .map(TransactionsQueries::transaction)
                .collectList()
                .map(found -> {
                    boolean more = found.size() > limit;
                    List<TransactionsQueries.Transaction> page = more ? found.subList(0, limit) : found;
                    List<WalletViews.Transaction> items = page.stream().map(WalletQueries::transaction).toList();
                    String next = more ? Cursors.encode(page.get(page.size() - 1).globalIndex()) : null;
                    return new WalletViews.TransactionPage(items, next);
                });
    }

    private static WalletViews.Transaction transaction(TransactionsQueries.Transaction t) {
        return new WalletViews.Transaction(t.transactionId(), t.operationId(), t.type(), t.currency(), t.amount().toPlainString(),
                t.direction(), t.availableAfter().toPlainString(), t.lockedAfter().toPlainString(), t.savingsAfter().toPlainString(),
                t.counterparty(), t.reason(), t.createdAt());
    }

    /** A user's wallets in every configured currency they have used, by currency. */
    private Flux<Wallet> walletsOf(UserId user) {
        List<String> codes = currencies.all().stream().map(Currency::code).toList();
        return Flux.from(wallets.ofUser(user, codes)).map(WalletsQueries::wallet).sort(Comparator.comparing(Wallet::currency));
    }

    public Mono<WalletViews.Balances> balances(UserId user) {
        return walletsOf(user).collectList().map(documents -> {
            List<WalletViews.Balance> balances = new ArrayList<>();
            BigDecimal totalUsd = BigDecimal.ZERO.setScale(2);
            for (Wallet wallet : documents) {
                String currency = wallet.currency();
                BigDecimal total = wallet.total();
                Optional<BigDecimal> price = prices.usdPrice(currency);
                Optional<BigDecimal> value = price.map(p -> usd(total, p));
                totalUsd = totalUsd.add(value.orElse(BigDecimal.ZERO));
                balances.add(new WalletViews.Balance(currency, wallet.available().toPlainString(), wallet.locked().toPlainString(),
                        wallet.savings().toPlainString(), total.toPlainString(),
                        price.map(BigDecimal::toPlainString).orElse(null), value.map(BigDecimal::toPlainString).orElse(null)));
            }
            return new WalletViews.Balances(user.value(), balances, totalUsd.toPlainString());
        });
    }

    public Mono<WalletViews.Portfolio> portfolio(UserId user) {
        return walletsOf(user).collectList().map(documents -> {
            List<Wallet> priced = new ArrayList<>();
            List<BigDecimal> values = new ArrayList<>();
            for (Wallet wallet : documents) {
                BigDecimal total = wallet.total();
                Optional<BigDecimal> price = prices.usdPrice(wallet.currency());
                if (total.signum() > 0 && price.isPresent()) {
                    priced.add(wallet);
                    values.add(usd(total, price.get()));
                }
            }
            List<BigDecimal> percentages = Allocation.percentages(values);
            List<WalletViews.Asset> assets = new ArrayList<>();
            for (int i = 0; i < priced.size(); i++) {
                Wallet wallet = priced.get(i);
                String currency = wallet.currency();
                assets.add(new WalletViews.Asset(currency, wallet.total().toPlainString(),
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

}
