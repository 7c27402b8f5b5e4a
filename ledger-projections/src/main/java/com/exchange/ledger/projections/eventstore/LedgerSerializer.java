package com.exchange.ledger.projections.eventstore;

import com.exchange.ledger.core.StoredTypes;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Optional;

/**
 * Axon's Jackson serializer with the ledger's stored type names ({@link StoredTypes}) instead of Java class names,
 * and amounts written as plain exact decimals. Types outside the catalog (Axon's own tokens) keep class names.
 */
public final class LedgerSerializer extends JacksonSerializer {

    private LedgerSerializer(Builder builder) {
        super(builder);
    }

    /** The ledger's serializer; refuses to exist while a ledger event type has no stored name. */
    public static LedgerSerializer create() {
        StoredTypes.requireEveryEventNamed();
        return new LedgerSerializer(JacksonSerializer.builder().objectMapper(objectMapper()));
    }

    /** The mapper the ledger writes events with; exact decimals in and out. */
    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /**
     * The stored name of a type. A domain type (ledger-core) without one is refused, never written under its Java
     * class name: a later rename would make that stored event unreadable. Axon's own types keep their class names.
     */
    @Override
    public SerializedType typeForClass(Class type) {
        SerializedType byClass = super.typeForClass(type);
        Optional<String> stored = StoredTypes.nameOf(type);
        if (stored.isEmpty() && type.getName().startsWith(DOMAIN_PACKAGE)) {
            throw new SerializationException("the ledger type " + type.getName() + " has no stored name: add it to StoredTypes");
        }
        return stored.<SerializedType>map(name -> new SimpleSerializedType(name, byClass.getRevision())).orElse(byClass);
    }

    private static final String DOMAIN_PACKAGE = "com.exchange.ledger.core.";

    @Override
    protected String resolveClassName(SerializedType serializedType) {
        return StoredTypes.typeNamed(serializedType.getName())
                .map(Class::getName)
                .orElseGet(() -> super.resolveClassName(serializedType));
    }
}
