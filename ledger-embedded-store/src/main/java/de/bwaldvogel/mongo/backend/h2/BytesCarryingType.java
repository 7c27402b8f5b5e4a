package de.bwaldvogel.mongo.backend.h2;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;

/**
 * H2's own type for serialised objects, for values that carry their serialised bytes: it writes those bytes exactly
 * as H2 writes a Java-serialised object (its tag, a var-int length, the bytes), compares them as H2 compares two
 * objects of one non-Comparable class, and reads them back into a value that keeps the bytes it was read from. So the
 * file format, and every existing file, stay the same. Values of any other kind go through H2's own type.
 */
abstract class BytesCarryingType extends ObjectDataType {

    /** H2's tag of a Java-serialised object ({@code ObjectDataType.TYPE_SERIALIZED_OBJECT}, package-private there). */
    static final int SERIALIZED_OBJECT = 19;

    /** The bytes {@code value} carries, or null when it is not a value of this type. */
    abstract byte[] bytesOf(Object value);

    /** The value to hold for an object read from the file, with the bytes it was read from. */
    abstract Object carrying(Object deserialized, byte[] bytes);

    @Override
    public int compare(Object a, Object b) {
        byte[] x = bytesOf(a);
        byte[] y = bytesOf(b);
        if (x != null && y != null) {
            return a == b ? 0 : ObjectDataType.compareNotNull(x, y);
        }
        return super.compare(a, b);
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        byte[] bytes = bytesOf(obj);
        if (bytes == null) {
            super.write(buff, obj);
            return;
        }
        buff.put((byte) SERIALIZED_OBJECT).putVarInt(bytes.length).put(bytes);
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != SERIALIZED_OBJECT) {
            return super.read(buff);
        }
        buff.get();
        byte[] bytes = new byte[DataUtils.readVarInt(buff)];
        buff.get(bytes);
        return carrying(ObjectDataType.deserialize(bytes), bytes);
    }
}
