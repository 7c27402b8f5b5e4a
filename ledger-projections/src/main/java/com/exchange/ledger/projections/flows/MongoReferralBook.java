package com.exchange.ledger.projections.flows;

import com.exchange.ledger.core.referral.ReferralBook;
import com.exchange.ledger.core.referral.ReferrerSet;
import com.exchange.ledger.core.shared.UserId;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.math.BigDecimal;
import java.util.Date;
import java.util.Optional;

/**
 * {@code referrals}: one document per referred user with the referrer and rate the commission policy has seen last.
 * Written only by that policy's processor, so a commission always uses the rate in force when its fee was paid; the
 * API reads it to show a user's referral.
 */
public class MongoReferralBook implements ReferralBook {

    public static final String COLLECTION = "referrals";

    private final MongoCollection<Document> referrals;

    public MongoReferralBook(MongoDatabase database) {
        this.referrals = database.getCollection(COLLECTION);
    }

    @Override
    public void record(ReferrerSet referral) {
        referrals.replaceOne(Filters.eq("_id", referral.user().value()), new Document("_id", referral.user().value())
                .append("referrer_id", referral.referrer().value())
                .append("commission_rate", referral.commissionRate().toPlainString())
                .append("since", Date.from(referral.at())), new ReplaceOptions().upsert(true));
    }

    @Override
    public Optional<ReferrerSet> referralOf(UserId user) {
        return Optional.ofNullable(referrals.find(Filters.eq("_id", user.value())).first())
                .map(document -> new ReferrerSet(user, UserId.of(document.getString("referrer_id")),
                        new BigDecimal(document.getString("commission_rate")), document.getDate("since").toInstant()));
    }
}
