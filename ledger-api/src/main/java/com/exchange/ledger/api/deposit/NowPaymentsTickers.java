package com.exchange.ledger.api.deposit;

import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Locale;
import java.util.Map;

/**
 * The gateway's tickers of what a user paid in ({@code usdttrc20}, {@code usdterc20}, {@code btc}) mapped to the
 * ledger's currencies: the network variants of a token are one currency in a wallet. A ticker not in the table is
 * taken as the currency of its own upper-cased name, when the ledger keeps that currency.
 *
 * @param tickers lower-case gateway ticker to ledger currency code ({@code ledger.nowpayments.tickers.usdttrc20=USDT})
 */
@ConfigurationProperties(prefix = "ledger.nowpayments")
public record NowPaymentsTickers(Map<String, String> tickers) {

    public NowPaymentsTickers {
        tickers = tickers == null ? Map.of() : Map.copyOf(tickers);
    }

    Currency currencyOf(String ticker, CurrencyTable currencies) {
        if (ticker == null || ticker.isBlank() || ticker.length() > 20) {
            throw LedgerRejection.invalid(RejectionCode.UNKNOWN_CURRENCY, "pay_currency",
                    ticker == null || ticker.isBlank() ? RuleViolation.Rule.FIELD_REQUIRED : RuleViolation.Rule.TOO_LONG,
                    "pay_currency is missing or too long");
        }
        String key = ticker.toLowerCase(Locale.ROOT);
        String code = tickers.getOrDefault(key, key.toUpperCase(Locale.ROOT));
        return currencies.require(code, "pay_currency");
    }
}
