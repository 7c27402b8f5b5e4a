package com.exchange.ledger.api.expressbuy;

import com.exchange.ledger.api.ledger.IdDirectory;
import com.exchange.ledger.core.expressbuy.ExpressBuyCommands.PlaceExpressBuy;
import com.exchange.ledger.core.expressbuy.ExpressBuyProcess;
import com.exchange.ledger.core.expressbuy.ExpressBuyState;
import com.exchange.ledger.core.shared.LedgerRejection;
import com.exchange.ledger.core.shared.RejectionCode;
import com.exchange.ledger.projections.flows.FlowsProjection;
import org.springframework.stereotype.Component;

/**
 * Places an express-buy order with its payment reference used once across all orders.
 * <p>
 * The reference is claimed in the {@link IdDirectory} before the order is placed (two orders racing for one payment
 * must not both credit), so the claim can be made by a request the order then refuses: the same order id again with
 * another reference. A refusal changes nothing, so that claim is given back at once. A claim left behind anyway (a
 * crash between the two steps, or an older version that did not give it back) is only as good as the order holding
 * it: an order that was placed with another reference can never use this one, and loses the claim to the next order
 * that asks.
 */
@Component
class ExpressBuyOrders {

    private static final IdDirectory.Kind PAYMENT_REF = IdDirectory.Kind.PAYMENT_REF;

    private final ExpressBuyProcess orders;
    private final IdDirectory ids;
    private final FlowsProjection flows;

    ExpressBuyOrders(ExpressBuyProcess orders, IdDirectory ids, FlowsProjection flows) {
        this.orders = orders;
        this.ids = ids;
        this.flows = flows;
    }

    ExpressBuyState place(PlaceExpressBuy order) {
        String ref = order.paymentRef();
        String orderId = order.orderId().value();
        boolean claimedNow = claim(ref, orderId);
        try {
            return orders.place(order);
        } catch (LedgerRejection refused) {
            if (claimedNow && refused.code() == RejectionCode.OPERATION_CONFLICT) {
                // the order exists with other details, so with another reference: this one stays free
                ids.release(PAYMENT_REF, ref, orderId);
            }
            throw refused;
        }
    }

    private boolean claim(String ref, String orderId) {
        try {
            return ids.claim(PAYMENT_REF, ref, orderId);
        } catch (LedgerRejection taken) {
            String holder = ids.ownerOf(PAYMENT_REF, ref).orElse(null);
            boolean stale = holder != null && flows.expressBuys().paymentRefOf(holder).filter(placedWith -> !placedWith.equals(ref)).isPresent();
            if (stale && ids.reassign(PAYMENT_REF, ref, holder, orderId)) {
                return true;
            }
            throw taken;
        }
    }
}
