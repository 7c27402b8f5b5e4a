package com.exchange.ledger.core.referral;

import com.exchange.ledger.core.referral.ReferralCommands.SetReferrer;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A referred user's referrer and commission rate; setting the same again records nothing. */
public class Referral {

    @AggregateIdentifier
    private ReferralId id;
    private ReferrerSet current;

    protected Referral() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ReferrerSet handle(SetReferrer command) {
        if (current == null || !current.referrer().equals(command.referrer())
                || current.commissionRate().compareTo(command.commissionRate()) != 0) {
            apply(new ReferrerSet(command.referral().user(), command.referrer(), command.commissionRate(), command.at()));
        }
        return current;
    }

    @EventSourcingHandler
    void on(ReferrerSet event) {
        id = ReferralId.of(event.user());
        current = event;
    }
}
