package com.exchange.ledger.core.testing;

import com.exchange.ledger.core.shared.AccountBalances;
import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.HoldId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.TransferId;

import java.math.BigDecimal;

/** Test data in the ledger's own terms: amounts parsed through the default currency table, ids by name. */
public final class LedgerFixtures {

    public static final CurrencyTable CURRENCIES = CurrencyTable.defaults();
    public static final Currency BTC = CURRENCIES.require("BTC");
    public static final Currency ETH = CURRENCIES.require("ETH");
    public static final Currency USDT = CURRENCIES.require("USDT");

    private LedgerFixtures() {
    }

    public static Money btc(String amount) {
        return BTC.parse(amount);
    }

    public static Money eth(String amount) {
        return ETH.parse(amount);
    }

    public static Money usdt(String amount) {
        return USDT.parse(amount);
    }

    public static AccountId account(String user, String currency) {
        return AccountId.of(user, currency);
    }

    public static OperationId op(String id) {
        return OperationId.of(id);
    }

    public static HoldId hold(String id) {
        return HoldId.of(id);
    }

    public static TransferId transfer(String id) {
        return TransferId.of(id);
    }

    /** Balances written exactly as expected, scale included ({@code "0"} and {@code "0.00000000"} differ). */
    public static AccountBalances balances(String available, String locked, String savings) {
        return new AccountBalances(new BigDecimal(available), new BigDecimal(locked), new BigDecimal(savings));
    }
}
