package com.exchange.ledger.core.referral;

import com.exchange.ledger.core.shared.UserId;

import java.util.Optional;

/** Who referred whom, as the commission policy has seen it so far in the event stream (a port; Mongo behind it). */
public interface ReferralBook {

    void record(ReferrerSet referral);

    Optional<ReferrerSet> referralOf(UserId user);
}
