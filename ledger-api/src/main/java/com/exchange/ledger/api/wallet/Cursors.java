package com.exchange.ledger.api.wallet;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.core.shared.RuleViolation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque page cursors: the position of the last item shown. */
final class Cursors {

    private static final String PREFIX = "g:";

    private Cursors() {
    }

    static String encode(long globalIndex) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + globalIndex).getBytes(StandardCharsets.US_ASCII));
    }

    static long decode(String cursor) {
        try {
            if (cursor.length() > 40) {
                throw new IllegalArgumentException("too long");
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!text.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a position");
            }
            long position = Long.parseLong(text.substring(PREFIX.length()));
            if (position < 0) {
                throw new IllegalArgumentException("before the first event");
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw LedgerRejection.invalid(RejectionCode.VALIDATION_FAILED, "cursor", RuleViolation.Rule.CURSOR_NOT_ISSUED, "cursor is not one this API gave out");
        }
    }
}
