package com.exchange.ledger.core.referral;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.OperationId;
import com.exchange.ledger.core.shared.Posting;
import com.exchange.ledger.core.shared.SystemAccount;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.WalletCommandGateway;
import com.exchange.ledger.core.wallet.WalletEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Pays referral commissions: every wallet event that moves money from a user into system:fees (a transfer, release,
 * swap or express-buy fee, a fee debit) credits the user's referrer {@code fee × rate}, rounded down to the
 * currency's precision, from system:fees.
 * <p>
 * It runs in its own tracking processor with one segment, so it sees referrals and fees in the order they happened:
 * a fee earns the rate in force when it was paid. The commission's operation id is derived from the fee's event, so a
 * replay or a second instance pays nothing twice. A commission is itself a credit from system:fees, never a fee, so
 * it earns no commission. A fee later refunded (a returned transfer) keeps its commission: the referrer was paid for a
 * fee that was charged.
 */
@ProcessingGroup(ReferralCommissionPolicy.PROCESSING_GROUP)
public class ReferralCommissionPolicy {

    public static final String PROCESSING_GROUP = "referral-commissions";

    private final ReferralBook referrals;
    private final WalletCommandGateway wallets;

    public ReferralCommissionPolicy(ReferralBook referrals, WalletCommandGateway wallets) {
        this.referrals = referrals;
        this.wallets = wallets;
    }

    @EventHandler
    void on(ReferrerSet referral) {
        referrals.record(referral);
    }

    @EventHandler
    void on(WalletEvent event) {
        Money fee = feePaidBy(event);
        if (fee == null) {
            return;
        }
        referrals.referralOf(event.account().user()).ifPresent(referral -> {
            BigDecimal commission = fee.amount().multiply(referral.commissionRate()).setScale(fee.amount().scale(), RoundingMode.DOWN);
            if (commission.signum() > 0) {
                wallets.send(new CreditAccount(new AccountId(referral.referrer(), fee.currency()), commissionId(event),
                        new Money(fee.currency(), commission), SystemAccount.FEES,
                        "referral commission on a fee paid by " + event.account().user().value()));
            }
        });
    }

    /**
     * The positive posting to system:fees of an event on a user's wallet, or null. Public so the referral book can
     * read ahead the referrals of a batch's fee payers.
     */
    public static Money feePaidBy(WalletEvent event) {
        for (Posting posting : event.postings()) {
            if (SystemAccount.FEES.equals(posting.account()) && posting.delta().isPositive()) {
                return posting.delta();
            }
        }
        return null;
    }

    static OperationId commissionId(WalletEvent event) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (event.account().key() + "|" + event.operationKey()).getBytes(StandardCharsets.UTF_8));
            return OperationId.of("commission:" + HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
