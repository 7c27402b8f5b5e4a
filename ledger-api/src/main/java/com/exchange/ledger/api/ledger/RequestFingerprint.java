package com.exchange.ledger.api.ledger;

import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.wallet.CreditAccount;
import com.exchange.ledger.core.wallet.DebitAccount;
import com.exchange.ledger.core.wallet.LockFunds;
import com.exchange.ledger.core.wallet.MoveFromSavings;
import com.exchange.ledger.core.wallet.MoveToSavings;
import com.exchange.ledger.core.wallet.ReleaseHold;
import com.exchange.ledger.core.wallet.ReleaseHoldToAccount;
import com.exchange.ledger.core.wallet.SendTransfer;
import com.exchange.ledger.core.wallet.UnlockHold;
import com.exchange.ledger.core.wallet.WalletCommand;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests "the same" (docs/api.md: a repeat answers the first outcome, other content is a conflict): a
 * hash of the request's canonical form, kept with the id it claimed (as Formance keeps key + request hash in its log).
 * <p>
 * The form is the validated request's content under the API's own field names — amounts at the currency's scale,
 * the account as {@code user/CURRENCY} — each field length-prefixed so no two requests share one. It depends on
 * nothing Java names (a renamed record component must not turn every stored repeat into a conflict after an
 * upgrade), which is why it is spelled out here per command and pinned by a test.
 */
final class RequestFingerprint {

    /** Written beside a stored fingerprint; an older document without it holds a {@link #legacy} one. */
    static final int FORM = 2;

    private RequestFingerprint() {
    }

    static String of(WalletCommand command) {
        Form form;
        if (command instanceof CreditAccount c) {
            form = new Form("credit").field("account", c.account().key()).field("operation_id", c.operationId().value())
                    .field("amount", c.amount()).field("counter_account", c.counterAccount().name()).field("reason", c.reason())
                    .field("fee", c.fee());
        } else if (command instanceof DebitAccount d) {
            form = new Form("debit").field("account", d.account().key()).field("operation_id", d.operationId().value())
                    .field("amount", d.amount()).field("counter_account", d.counterAccount().name()).field("reason", d.reason());
        } else if (command instanceof LockFunds l) {
            form = new Form("hold").field("account", l.account().key()).field("hold_id", l.holdId().value())
                    .field("amount", l.amount()).field("reason", l.reason());
        } else if (command instanceof ReleaseHold r) {
            form = new Form("release").field("account", r.account().key()).field("hold_id", r.holdId().value())
                    .field("destination", r.destination().name()).field("fee", r.fee());
        } else if (command instanceof ReleaseHoldToAccount r) {
            form = new Form("release").field("account", r.account().key()).field("hold_id", r.holdId().value())
                    .field("to_account", r.recipient().key()).field("fee", r.fee());
        } else if (command instanceof UnlockHold u) {
            form = new Form("unlock").field("account", u.account().key()).field("hold_id", u.holdId().value());
        } else if (command instanceof SendTransfer t) {
            form = new Form("transfer").field("account", t.account().key()).field("transfer_id", t.transferId().value())
                    .field("to_account", t.recipient().key()).field("amount", t.amount()).field("fee", t.fee());
        } else if (command instanceof MoveToSavings m) {
            form = new Form("savings").field("account", m.account().key()).field("operation_id", m.operationId().value())
                    .field("direction", "to_savings").field("amount", m.amount());
        } else if (command instanceof MoveFromSavings m) {
            form = new Form("savings").field("account", m.account().key()).field("operation_id", m.operationId().value())
                    .field("direction", "from_savings").field("amount", m.amount());
        } else {
            throw new IllegalArgumentException("no API request makes a " + command.getClass().getSimpleName());
        }
        return sha256(form.text());
    }

    /** The fingerprint stored before {@link #FORM} 2: the command record's {@code toString()}, hashed. */
    static String legacy(WalletCommand command) {
        return sha256(command.toString());
    }

    private static final class Form {
        private final StringBuilder text = new StringBuilder();

        Form(String kind) {
            field("request", kind);
        }

        Form field(String name, Money amount) {
            return field(name, amount == null ? null : amount.currency() + " " + amount.amount().toPlainString());
        }

        Form field(String name, String value) {
            text.append(name).append('=');
            if (value == null) {
                text.append('-');
            } else {
                text.append(value.length()).append(':').append(value);
            }
            text.append(';');
            return this;
        }

        String text() {
            return text.toString();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
