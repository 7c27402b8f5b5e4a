package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.h2.mvstore.type.ObjectDataType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index keys' bytes decide their order and are what the file holds, so a key built without Java's serialisation
 * must be Java's bytes exactly, for any value.
 */
@Label("Index key bytes: the fast form is Java's serialisation byte for byte")
class KeyBytesTest {

    @Property(tries = 2_000)
    @Label("any string of up to the short form's length, every code unit included")
    void strings(@ForAll @StringLength(max = 300) String value) {
        assertThat(KeyBytes.of(new KeyValue(value))).isEqualTo(ObjectDataType.serialize(new KeyValue(value)));
    }

    @Property(tries = 1_000)
    @Label("any long, integer and double")
    void numbers(@ForAll long longValue, @ForAll int intValue, @ForAll double doubleValue) {
        for (Object value : new Object[] {longValue, intValue, doubleValue}) {
            assertThat(KeyBytes.of(new KeyValue(value))).as("%s %s", value.getClass().getSimpleName(), value)
                    .isEqualTo(ObjectDataType.serialize(new KeyValue(value)));
        }
    }

    @Example
    @Label("the ledger's key types take the fast form on this runtime; strings past the short form, other types and compound keys are Java's")
    void whichKeysAreFast() {
        assertThat(KeyBytes.isFast("streamKey#1")).isTrue();
        assertThat(KeyBytes.isFast(7L)).isTrue();
        assertThat(KeyBytes.isFast(7)).isTrue();
        assertThat(KeyBytes.isFast(7.5)).isTrue();
        assertThat(KeyBytes.isFast(new ObjectId())).isFalse();
        String longest = "x".repeat(0xFFFF);
        String tooLong = "é".repeat(0x8000); // 65,536 bytes of modified UTF-8: Java's long-string form
        assertThat(KeyBytes.isFast(longest)).isTrue();
        assertThat(KeyBytes.isFast(tooLong)).isFalse();
        for (KeyValue key : new KeyValue[] {new KeyValue(longest), new KeyValue(tooLong), new KeyValue(new ObjectId()),
                new KeyValue("user-1", "BTC"), new KeyValue(true), new KeyValue((Object) null)}) {
            assertThat(KeyBytes.of(key)).isEqualTo(ObjectDataType.serialize(key));
        }
    }
}
