package com.exchange.ledger.core.testing;

import com.exchange.ledger.core.process.CommandSender;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.util.Map;

/**
 * The command port over a plain Axon gateway, for tests that send from one thread outside any unit of work: no race
 * to retry, no enclosing unit to set aside (the service's Axon wiring does both).
 */
public final class GatewayCommandSender implements CommandSender {

    private final CommandGateway gateway;

    public GatewayCommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public <R> R send(Object command) {
        return gateway.sendAndWait(command);
    }

    @Override
    public <R> R send(Object command, Map<String, String> metaData) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}
