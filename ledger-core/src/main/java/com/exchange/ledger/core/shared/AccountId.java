package com.exchange.ledger.core.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** One user's wallet account in one currency; also the {@code WalletAccount} aggregate identifier ({@code user/BTC}). */
public record AccountId(UserId user, String currency) implements LedgerAccount {

    public AccountId {
        if (user == null) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "user_id", RuleViolation.Rule.FIELD_REQUIRED, "user id is missing");
        }
        new Money(currency, java.math.BigDecimal.ZERO); // validates the code's shape
    }

    public static AccountId of(String user, String currency) {
        return new AccountId(UserId.of(user), currency);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AccountId parse(String key) {
        int slash = key == null ? -1 : key.lastIndexOf('/');
        if (slash <= 0) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "account", RuleViolation.Rule.INVALID_FORMAT, "account id must look like user/CURRENCY");
        }
        return of(key.substring(0, slash), key.substring(slash + 1));
    }

    @JsonValue
    @Override
    public String key() {
        return user.value() + "/" + currency;
    }

    @Override
    public String toString() {
        return key();
    }
}
