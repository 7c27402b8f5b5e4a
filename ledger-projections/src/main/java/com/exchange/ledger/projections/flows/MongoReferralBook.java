package com.exchange.ledger.projections.flows;

import com.exchange.ledger.core.referral.ReferralBook;
import com.exchange.ledger.core.referral.ReferralCommissionPolicy;
import com.exchange.ledger.core.referral.ReferrerSet;
import com.exchange.ledger.core.shared.UserId;
import com.exchange.ledger.core.wallet.WalletEvent;
import com.exchange.ledger.projections.batch.BatchWrites;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.math.BigDecimal;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * {@code referrals}: one document per referred user with the referrer and rate the commission policy has seen last.
 * Written only by that policy's processor, so a commission always uses the rate in force when its fee was paid; the
 * API reads it to show a user's referral.
 * <p>
 * The policy asks for the referral of every fee payer. Inside a processor batch the referrals of all the batch's fee
 * payers are read with one {@code $in} at the first question ({@link BatchWrites}' read-ahead), not one find per fee
 * (issue 14: one find per HTTP transfer before). A referral recorded during the batch is written at once, as before,
 * and the batch's later questions see it, so a fee still earns the rate in force when it was paid.
 */
public class MongoReferralBook implements ReferralBook {

    public static final String COLLECTION = "referrals";

    private final MongoCollection<Document> referrals;
    private final BatchWrites batch;

    public MongoReferralBook(MongoDatabase database) {
        this.referrals = database.getCollection(COLLECTION);
        this.batch = new BatchWrites(referrals, MongoReferralBook::referralRead);
    }

    /** The referral the policy will ask for on this event: its payer's, if it pays a fee. */
    static List<String> referralRead(Object payload) {
        return payload instanceof WalletEvent event && ReferralCommissionPolicy.feePaidBy(event) != null
                ? List.of(event.account().user().value()) : List.of();
    }

    @Override
    public void record(ReferrerSet referral) {
        Document document = new Document("_id", referral.user().value())
                .append("referrer_id", referral.referrer().value())
                .append("commission_rate", referral.commissionRate().toPlainString())
                .append("since", Date.from(referral.at()));
        referrals.replaceOne(Filters.eq("_id", referral.user().value()), document, new ReplaceOptions().upsert(true));
        batch.writtenAtOnce(referral.user().value(), document);
    }

    @Override
    public Optional<ReferrerSet> referralOf(UserId user) {
        return Optional.ofNullable(batch.find(user.value()))
                .map(document -> new ReferrerSet(user, UserId.of(document.getString("referrer_id")),
                        new BigDecimal(document.getString("commission_rate")), document.getDate("since").toInstant()));
    }
}
