package com.exchange.ledger.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

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

    /**
     * Every instant in one shape, {@code 2026-12-02T16:42:00.123Z}: milliseconds, the precision the store keeps. A
     * command's answer (the clock's nanoseconds) and a later read of the same flow (the stored date) say the same.
     */
    static final class MillisecondInstant extends StdSerializer<Instant> {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

        MillisecondInstant() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(FORMAT.format(value));
        }
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer amountsAsStrings() {
        return builder -> builder.serializerByType(BigDecimal.class, new PlainDecimalString())
                .serializerByType(Instant.class, new MillisecondInstant())
                .postConfigurer(mapper -> {
                    mapper.getFactory().setStreamReadConstraints(BoundedNumbers.constraints());
                    mapper.setNodeFactory(BoundedNumbers.NODES);
                });
    }
}
