package com.exchange.ledger.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * The API writes every amount as a plain decimal string (docs/api.md), never as a JSON number, and reads every JSON number
 * within {@link BoundedNumbers}.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    static final class PlainDecimalString extends StdSerializer<BigDecimal> {
        PlainDecimalString() {
            super(BigDecimal.class);
        }

        @Override
        public void serialize(BigDecimal value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(value.toPlainString());
        }
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer amountsAsStrings() {
        return builder -> builder.serializerByType(BigDecimal.class, new PlainDecimalString())
                .postConfigurer(mapper -> {
                    mapper.getFactory().setStreamReadConstraints(BoundedNumbers.constraints());
                    mapper.setNodeFactory(BoundedNumbers.NODES);
                });
    }
}
