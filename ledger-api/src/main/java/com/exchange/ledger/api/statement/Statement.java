package com.exchange.ledger.api.statement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The JSON form of a statement as one value: what the OpenAPI document describes. The service never builds it (it
 * writes the same fields as a stream, {@link StatementForms}); {@code StatementTest} reads answers into it.
 */
public record Statement(String account, String userId, String currency, Instant from, Instant to, BigDecimal openingBalance,
                        List<StatementLine.Movement> movements, BigDecimal movementsTotal, long movementCount,
                        BigDecimal closingBalance, boolean balanced) {
}
