package com.exchange.ledger.migration.legacy;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Currency;
import com.exchange.ledger.core.shared.CurrencyTable;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.UserId;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One legacy row, read: either accepted (an account and its three amounts at the currency's precision, with what
 * rounding took off) or rejected whole with a reason. Nothing is dropped silently and nothing is guessed.
 */
public sealed interface LegacyRow permits LegacyRow.Accepted, LegacyRow.Rejected {

    LegacyCollection collection();

    BsonValue id();

    /** The row as stored, in relaxed Extended JSON: what an auditor compares the seed event with. */
    String original();

    record Accepted(LegacyCollection collection, BsonValue id, String original, AccountId account, Money available,
                    Money locked, Money savings, BigDecimal residue) implements LegacyRow {

        public Money total() {
            return available.plus(locked).plus(savings);
        }
    }

    /**
     * @param currency the row's currency code as normalised, or null when it has none
     * @param amount   the sum of the row's readable amounts (what the rejected row would have carried), may be zero
     */
    record Rejected(LegacyCollection collection, BsonValue id, String original, String reason, String currency,
                    BigDecimal amount) implements LegacyRow {
    }

    JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    /** Reads a row of {@code collection} against the currency table. */
    static LegacyRow read(LegacyCollection collection, BsonDocument row, CurrencyTable currencies) {
        BsonValue id = row.get("_id");
        String original = row.toJson(RELAXED);
        String currencyCode = null;
        List<BigDecimal> readable = new ArrayList<>();
        try {
            currencyCode = currencyCode(row);
            Amounts amounts = new Amounts(row, readable);
            BigDecimal available = amounts.read(collection.availableFields(), !collection.savingsOnly());
            BigDecimal locked = amounts.read(collection.lockedFields(), false);
            BigDecimal savings = amounts.read(collection.savingsFields(), collection.savingsOnly());
            String user = LegacyValues.userId(row.get("user_id"));
            if (currencyCode == null) {
                throw new LegacyValues.Refused("currency is missing");
            }
            String code = currencyCode;
            Currency currency = currencies.find(code).orElseThrow(() -> new LegacyValues.Refused("unknown currency " + code));
            AccountId account;
            try {
                account = new AccountId(UserId.of(user), currency.code());
            } catch (LedgerRejection invalid) {
                throw new LegacyValues.Refused("user_id \"" + LegacyValues.abbreviate(user) + "\" is not a valid user id: " + invalid.getMessage());
            }
            BigDecimal residue = BigDecimal.ZERO;
            Money[] money = new Money[3];
            BigDecimal[] exact = {available, locked, savings};
            for (int i = 0; i < 3; i++) {
                BigDecimal rounded = exact[i].setScale(currency.decimals(), RoundingMode.HALF_EVEN);
                residue = residue.add(exact[i].subtract(rounded));
                try {
                    money[i] = currency.amount(rounded);
                } catch (LedgerRejection tooLarge) {
                    throw new LegacyValues.Refused(tooLarge.getMessage());
                }
            }
            return new Accepted(collection, id, original, account, money[0], money[1], money[2], residue);
        } catch (LegacyValues.Refused refused) {
            BigDecimal carried = readable.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            return new Rejected(collection, id, original, refused.getMessage(), currencyCode, carried);
        }
    }

    private static String currencyCode(BsonDocument row) throws LegacyValues.Refused {
        String found = null;
        for (String field : LegacyCollection.CURRENCY_FIELDS) {
            BsonValue value = row.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isString()) {
                throw new LegacyValues.Refused(field + " has BSON type " + value.getBsonType());
            }
            String code = value.asString().getValue().strip().toUpperCase(java.util.Locale.ROOT);
            if (code.isEmpty()) {
                continue;
            }
            if (found != null && !found.equals(code)) {
                throw new LegacyValues.Refused("currency " + found + " and coin " + code + " disagree");
            }
            found = code;
        }
        return found;
    }

    /** Reads amount fields, remembering every readable value for the rejected total. */
    final class Amounts {
        private final BsonDocument row;
        private final List<BigDecimal> readable;

        Amounts(BsonDocument row, List<BigDecimal> readable) {
            this.row = row;
            this.readable = readable;
        }

        /** The value of the first present field of {@code fields}; all present ones must agree. */
        BigDecimal read(List<String> fields, boolean required) throws LegacyValues.Refused {
            BigDecimal found = null;
            String foundIn = null;
            for (String field : fields) {
                LegacyValues.Amount amount = LegacyValues.amount(row.get(field));
                if (amount instanceof LegacyValues.Invalid invalid) {
                    throw new LegacyValues.Refused(field + ": " + invalid.reason());
                }
                if (amount instanceof LegacyValues.Present present) {
                    readable.add(present.value());
                    if (present.value().signum() < 0) {
                        throw new LegacyValues.Refused(field + " is negative: " + present.value().toPlainString());
                    }
                    if (found != null && found.compareTo(present.value()) != 0) {
                        throw new LegacyValues.Refused(foundIn + " and " + field + " disagree: " + found.toPlainString()
                                + " vs " + present.value().toPlainString());
                    }
                    found = present.value();
                    foundIn = field;
                }
            }
            if (found == null && required) {
                throw new LegacyValues.Refused("amount is missing (" + String.join(" or ", fields) + ")");
            }
            return found == null ? BigDecimal.ZERO : found;
        }
    }
}
