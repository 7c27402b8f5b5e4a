package com.exchange.ledger.core.referral;

import com.exchange.ledger.core.shared.UserId;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The referral of one referred user: who referred them and at what rate. */
public record ReferralId(@JsonValue UserId user) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public ReferralId {
        java.util.Objects.requireNonNull(user, "user");
    }

    public static ReferralId of(UserId user) {
        return new ReferralId(user);
    }

    @Override
    public String toString() {
        return "referral:" + user.value();
    }
}
