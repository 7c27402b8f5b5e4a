package com.exchange.ledger.api.flow;

import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.Money;
import com.exchange.ledger.core.shared.RejectionCode;

/** What the flow endpoints share in their answers. */
public final class FlowViews {

    private FlowViews() {
    }

    /** An amount as the API writes it: a plain decimal string at the currency's precision. */
    public static String plain(Money money) {
        return money == null ? null : money.amount().toPlainString();
    }

    /**
     * A flow the ledger refused answers with the refusal it recorded, as the problem it was the first time: the same
     * id and body again gets the same status and code, also after a restart, because the refusal is an event.
     */
    public static LedgerRejection refusal(RejectionCode code, String detail) {
        return new LedgerRejection(code, detail == null ? code.name() : detail);
    }
}
