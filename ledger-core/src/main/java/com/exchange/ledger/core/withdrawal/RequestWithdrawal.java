package com.exchange.ledger.core.withdrawal;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import com.exchange.ledger.core.withdrawal.WithdrawalEvents.WithdrawalRequested;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/** A user asks to send {@code amount} to an outside address; {@code amount + fee} is locked until an admin decides. */
public record RequestWithdrawal(@TargetAggregateIdentifier WithdrawalId withdrawalId, AccountId account, Money amount,
                                Money fee, String address, Instant requestedAt) {

    public static final int MAX_ADDRESS_LENGTH = 256;
    /** Addresses, memos and tags of every chain we pay out on: printable, no spaces. */
    private static final Pattern ADDRESS = Pattern.compile("[\\x21-\\x7E]{1," + MAX_ADDRESS_LENGTH + "}");

    public RequestWithdrawal {
        Objects.requireNonNull(withdrawalId, "withdrawal id");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(requestedAt, "requested at");
        Objects.requireNonNull(amount, "amount").requirePositive("amount");
        Objects.requireNonNull(fee, "fee").requireNotNegative("fee");
        if (!amount.currency().equals(account.currency()) || !fee.currency().equals(account.currency())) {
            throw LedgerRejection.invalid(RejectionCode.CURRENCY_MISMATCH, "currency", RuleViolation.Rule.CURRENCY_MISMATCH, "amount and fee must be in %s", account.currency());
        }
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "address",
                    address == null ? RuleViolation.Rule.FIELD_REQUIRED
                            : address.length() > MAX_ADDRESS_LENGTH ? RuleViolation.Rule.TOO_LONG : RuleViolation.Rule.INVALID_FORMAT,
                    "address must be 1-%d printable characters without spaces", MAX_ADDRESS_LENGTH);
        }
    }

    /** What the hold locks. */
    public Money total() {
        return amount.plus(fee);
    }

    boolean sameRequestAs(WithdrawalRequested earlier) {
        return earlier.account().equals(account) && earlier.amount().equals(amount) && earlier.fee().equals(fee)
                && earlier.address().equals(address);
    }
}
