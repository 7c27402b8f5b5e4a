package com.exchange.ledger.api.statement;

import java.math.BigDecimal;
import java.time.Instant;

/** A statement as it is read, in order: one opening, its movements, one closing. Each form (JSON, CSV) writes these. */
public sealed interface StatementLine {

    /** The total balance (available + locked + savings) the account had at the period's start. */
    record Opening(BigDecimal openingBalance) implements StatementLine {
    }

    /**
     * One event of the account in the period. {@code amount} is what its postings changed the account's total by (zero
     * for a hold, which moves money between the account's own buckets); {@code balanceAfter} the total it recorded.
     */
    record Movement(long sequence, Long position, Instant occurredAt, String type, String operationId, String counterAccount,
                    BigDecimal amount, BigDecimal balanceAfter) implements StatementLine {
    }

    /**
     * The period's end. {@code balanced}: opening + movements total = closing, and every movement's recorded balance is
     * the one before it plus its amount (the events' postings agree with the balances they recorded).
     */
    record Closing(BigDecimal movementsTotal, long movementCount, BigDecimal closingBalance, boolean balanced) implements StatementLine {
    }
}
