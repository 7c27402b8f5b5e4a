package com.exchange.ledger.api.ledger;

import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * An amount from a request body: a decimal string ({@code "0.00150000"}), or a JSON number only when it is exact at
 * the currency's precision (the web mapper reads JSON numbers as exact decimals, never as doubles).
 */
public final class Amounts {

    private Amounts() {
    }

    public static Money required(JsonNode node, Currency currency, String field) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, field, RuleViolation.Rule.FIELD_REQUIRED, "%s is missing", field);
        }
        try {
            if (node.isTextual()) {
                return currency.parse(node.textValue());
            }
            if (node.isNumber()) {
                return currency.amount(node.decimalValue());
            }
        } catch (LedgerRejection refused) {
            throw refused.inField(field);
        }
        throw LedgerRejection.invalid(RejectionCode.INVALID_AMOUNT, field, RuleViolation.Rule.AMOUNT_NOT_DECIMAL, "%s must be a decimal string like \"12.5\"", field);
    }

    public static Money optional(JsonNode node, Currency currency, String field) {
        return node == null || node.isNull() || node.isMissingNode() ? null : required(node, currency, field);
    }
}
