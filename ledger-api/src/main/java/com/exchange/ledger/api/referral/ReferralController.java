package com.exchange.ledger.api.referral;

import com.exchange.ledger.api.flow.Blocking;
import com.exchange.ledger.core.process.CommandSender;
import com.exchange.ledger.core.referral.ReferralBook;
import com.exchange.ledger.core.referral.ReferralCommands.SetReferrer;
import com.exchange.ledger.core.referral.ReferralId;
import com.exchange.ledger.core.referral.ReferrerSet;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;
import com.exchange.ledger.core.shared.UserId;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/** Referral commissions (docs/api.md): who referred a user and the share of the user's fees the referrer earns. */
@RestController
class ReferralController {

    private static final Pattern RATE = Pattern.compile("[01](\\.[0-9]{1,8})?");

    record Referral(String referrerId, JsonNode commissionRate) {
    }

    record View(String userId, String referrerId, String commissionRate, Instant since) {
    }

    private final CommandSender commands;
    private final ReferralBook book;
    private final Clock clock;

    ReferralController(CommandSender commands, ReferralBook book, Clock clock) {
        this.commands = commands;
        this.book = book;
        this.clock = clock;
    }

    @PutMapping("/api/referrals/{userId}")
    Mono<View> set(@PathVariable String userId, @RequestBody Referral body) {
        return Blocking.call(() -> {
            SetReferrer command = new SetReferrer(ReferralId.of(UserId.of(userId)), UserId.of(body.referrerId(), "referrer_id"),
                    rate(body.commissionRate()), clock.instant());
            ReferrerSet set = commands.send(command);
            return new View(set.user().value(), set.referrer().value(), set.commissionRate().toPlainString(), set.at());
        });
    }

    /** The referral the commission policy applies now (it follows the event stream, so a just-set one may lag by a moment). */
    @GetMapping("/api/referrals/{userId}")
    Mono<View> get(@PathVariable String userId) {
        return Blocking.call(() -> book.referralOf(UserId.of(userId))
                .map(set -> new View(set.user().value(), set.referrer().value(), set.commissionRate().toPlainString(), set.at()))
                .orElseThrow(() -> LedgerRejection.of(RejectionCode.NOT_FOUND, "%s has no referrer", userId)));
    }

    private static BigDecimal rate(JsonNode node) {
        if (node != null && node.isTextual() && RATE.matcher(node.textValue()).matches()) {
            return new BigDecimal(node.textValue());
        }
        if (node != null && node.isNumber() && (node.isBigDecimal() || node.canConvertToExactIntegral())) {
            return node.decimalValue();
        }
        throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "commission_rate", RuleViolation.Rule.INVALID_FORMAT, "commission_rate must be a decimal from 0 to 1 like \"0.2\"");
    }
}
