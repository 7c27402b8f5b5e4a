package com.exchange.ledger.projections.eventstore;

import com.exchange.ledger.core.shared.AccountId;
import com.exchange.ledger.core.wallet.OperationLog;
import com.exchange.ledger.core.wallet.WalletEvent;
import org.axonframework.serialization.Serializer;

import java.util.Optional;

/** The operation log read straight from the event store's unique operation keys. */
public final class StoredOperationLog implements OperationLog {

    private final MongoEventStorageEngine engine;
    private final Serializer serializer;

    public StoredOperationLog(MongoEventStorageEngine engine, Serializer serializer) {
        this.engine = engine;
        this.serializer = serializer;
    }

    @Override
    public Optional<WalletEvent> find(AccountId account, String operationKey) {
        return engine.findByOperationKey(account.key(), operationKey)
                .map(data -> serializer.deserialize(data.getPayload()))
                .filter(WalletEvent.class::isInstance)
                .map(WalletEvent.class::cast);
    }
}
