package com.exchange.ledger.api.wallet;

import java.time.Instant;
import java.util.List;

/** The JSON answers of the wallet queries (docs/api.md); amounts are decimal strings. */
final class WalletViews {

    private WalletViews() {
    }

    record Balance(String currency, String availableBalance, String lockedBalance, String savingsBalance,
                   String totalBalance, String usdPrice, String usdValue) {
    }

    record Balances(String userId, List<Balance> balances, String totalUsd) {
    }

    record Asset(String currency, String totalBalance, String usdPrice, String usdValue, String allocationPct) {
    }

    record Transaction(String id, String operationId, String type, String currency, String amount, String direction,
                       String availableAfter, String lockedAfter, String savingsAfter, String counterparty, String reason,
                       Instant createdAt) {
    }

    record TransactionPage(List<Transaction> items, String nextCursor) {
    }

    record Portfolio(String userId, String totalUsd, Instant pricedAt, List<Asset> assets) {
    }
}
