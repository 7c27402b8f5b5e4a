package com.exchange.ledger.api.liabilities;

import com.exchange.ledger.core.liabilities.LiabilityProof;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.projections.liabilities.LiabilitiesRoot;
import com.exchange.ledger.projections.liabilities.LiabilitiesTrees;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The use cases: publish a currency's root, serve a user's proof against the newest published one. A root younger
 * than {@link #REUSE_FOR} is served again instead of building another: every auditor asking in that minute sees the
 * same root, the one the users' proofs are read against, and a burst of requests builds one tree, not one each.
 */
@Service
public class Liabilities {

    static final Duration REUSE_FOR = Duration.ofMinutes(1);

    private final LiabilitiesTrees trees;
    private final CurrencyTable currencies;
    private final Clock clock = Clock.systemUTC();
    /** One build per currency at a time in this instance; the others wait for it and serve its root. */
    private final Map<String, Object> building = new ConcurrentHashMap<>();

    public Liabilities(LiabilitiesTrees trees, CurrencyTable currencies) {
        this.trees = trees;
        this.currencies = currencies;
    }

    public LiabilitiesRoot publishedRoot(String currencyCode) {
        Currency currency = currencies.require(currencyCode, "currency");
        synchronized (building.computeIfAbsent(currency.code(), code -> new Object())) {
            return trees.latest(currency.code())
                    .filter(root -> root.builtAt().plus(REUSE_FOR).isAfter(clock.instant()))
                    .orElseGet(() -> trees.build(currency));
        }
    }

    public LiabilityProof proof(String userId, String currencyCode) {
        UserId user = UserId.of(userId, "user_id");
        Currency currency = currencies.require(currencyCode, "currency");
        return trees.proof(currency.code(), user.value()).orElseThrow(() -> trees.latest(currency.code()).isEmpty()
                ? LedgerRejection.of(RejectionCode.NOT_FOUND, "no liabilities root of %s is published yet", currency.code())
                : LedgerRejection.of(RejectionCode.NOT_FOUND, "user %s holds no %s in the published liabilities tree", user.value(), currency.code()));
    }
}
