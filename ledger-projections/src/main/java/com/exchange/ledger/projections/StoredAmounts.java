package com.exchange.ledger.projections;

import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.Money;
import org.bson.types.Decimal128;

import java.math.BigDecimal;

/** How every read model stores an amount: Decimal128 at the currency's precision ({@code 0.00000000} for BTC). */
public final class StoredAmounts {

    private StoredAmounts() {
    }

    public static Decimal128 decimal(Currency currency, BigDecimal amount) {
        return new Decimal128(amount.setScale(currency.decimals()));
    }

    public static Decimal128 decimal(Currency currency, Money amount) {
        return decimal(currency, amount.amount());
    }
}
