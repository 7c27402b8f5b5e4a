package de.bwaldvogel.mongo.backend.h2;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link SerializedKeyCachingH2Backend} takes from internals of the versions it was written against, observed on
 * the class path it runs on. None of it is API: a new mongo-java-server or H2 may change it without notice, and then
 * the backend would not fail, it would misread or misorder the keys of an existing file. So the embedded store
 * compares them before it opens a file ({@code com.exchange.ledger.embeddedstore.LibraryCheck}):
 * <ul>
 *   <li>H2 writes a Java-serialised object as its tag {@code ObjectDataType.TYPE_SERIALIZED_OBJECT} (package-private,
 *       19), a var-int length and the bytes: the backend writes and reads index keys in that form itself;</li>
 *   <li>H2 orders two index keys by those bytes ({@code KeyValue} is not {@code Comparable}): the backend compares the
 *       bytes it caches;</li>
 *   <li>an index lives in the map the private {@code H2Database.mapNameForIndex} names: the backend opens that map;</li>
 *   <li>the package-private {@code H2UniqueIndex} constructor and the protected methods the backend overrides keep
 *       their signatures: a renamed one would leave the stock method reading the backend's keys;</li>
 *   <li>H2 writes a collection's document in the same form as an index key, and the collection's maps are named by the
 *       library's {@code H2Database.DATABASES_PREFIX} and private {@code META_PREFIX}: the backend opens those maps
 *       with its own value type ({@link StoredDocumentType}) and its own collection class, which overrides every
 *       method of {@code H2Collection} that reads or writes the data map;</li>
 *   <li>the library's collection writes are the synchronized methods of {@code AbstractSynchronizedMongoCollection} but
 *       its two queries: the backend's collection overrides each of them to pass its write gate ({@link WriteGate}), so
 *       a write the library adds would be a write a commit could catch half done;</li>
 *   <li>H2's {@code FileStore.getWriteBuffer} can still be overridden ({@link VersionTakenFileStore}): in 2.3.232 a
 *       commit calls it first thing after it has taken its version.</li>
 * </ul>
 */
public final class PinnedInternals {

    /** The mongo-java-server version the backend was written against and verified with (EmbeddedMongoTest). */
    public static final String MONGO_JAVA_SERVER_VERSION = "1.47.0";
    /** The H2 version the backend was written against and verified with; mongo-java-server 1.47.0 declares it. */
    public static final String H2_VERSION = "2.3.232";

    private static final List<KeyValue> SAMPLE_KEYS = List.of(new KeyValue("user-7/BTC#12"), new KeyValue("user-7/BTC#2"),
            new KeyValue("user-10/ETH", 3L), new KeyValue(42L), new KeyValue(7));

    private PinnedInternals() {
    }

    /** One internal the backend relies on: as the pinned versions have it, and as found on this class path. */
    public record Difference(String what, String expected, String found) {
    }

    /** The internals that differ from the pinned versions' on this class path; empty when the backend may run. */
    public static List<Difference> differences() {
        List<Difference> differences = new ArrayList<>();
        try {
            compareKeyEncoding(differences);
            compareKeyOrder(differences);
            compareSignatures(differences);
            compareIndexMapName(differences);
            compareDocumentEncoding(differences);
            compareCollectionMapNames(differences);
            compareGatedWrites(differences);
        } catch (LinkageError | RuntimeException e) {
            // a class the backend extends is gone or changed its shape: the backend cannot even be loaded
            differences.add(new Difference("the classes the backend extends", "loadable and constructible", e.toString()));
        }
        return differences;
    }

    /** The versions on this class path, as their jars name them. */
    public static String foundVersions() {
        return "mongo-java-server " + jarVersion(H2Backend.class, "mongo-java-server-h2-backend").orElse("(version unknown)")
                + " with H2 " + Optional.ofNullable(MVStore.class.getPackage().getImplementationVersion()).orElse("(version unknown)");
    }

    private static void compareKeyEncoding(List<Difference> differences) {
        KeyValue key = SAMPLE_KEYS.get(0);
        byte[] stock = written(new ObjectDataType(), key);
        int tag = stock.length == 0 ? -1 : stock[0];
        if (tag != BytesCarryingType.SERIALIZED_OBJECT) {
            differences.add(new Difference("H2's tag of a Java-serialised object (ObjectDataType.TYPE_SERIALIZED_OBJECT)",
                    String.valueOf(BytesCarryingType.SERIALIZED_OBJECT), String.valueOf(tag)));
            return;
        }
        byte[] ours = written(new SerializedKeyCachingH2Backend.SerializedKeyType(), SerializedKeyCachingH2Backend.SerializedKey.of(key));
        if (!Arrays.equals(stock, ours)) {
            differences.add(new Difference("H2's encoding of an index key", "the backend's: " + hex(ours), hex(stock)));
        }
    }

    private static void compareKeyOrder(List<Difference> differences) {
        ObjectDataType stock = new ObjectDataType();
        SerializedKeyCachingH2Backend.SerializedKeyType ours = new SerializedKeyCachingH2Backend.SerializedKeyType();
        for (KeyValue a : SAMPLE_KEYS) {
            for (KeyValue b : SAMPLE_KEYS) {
                int expected = Integer.signum(ours.compare(SerializedKeyCachingH2Backend.SerializedKey.of(a),
                        SerializedKeyCachingH2Backend.SerializedKey.of(b)));
                int found = Integer.signum(stock.compare(a, b));
                if (expected != found) {
                    differences.add(new Difference("H2's order of the index keys " + a + " and " + b,
                            "the order of their serialised bytes (" + expected + ")", String.valueOf(found)));
                    return;
                }
            }
        }
    }

    private static void compareSignatures(List<Difference> differences) {
        constructor(differences, H2UniqueIndex.class, MVMap.class, String.class, List.class, boolean.class);
        constructor(differences, H2Database.class, String.class, MVStore.class, de.bwaldvogel.mongo.backend.CursorRegistry.class);
        constructor(differences, H2Collection.class, de.bwaldvogel.mongo.MongoDatabase.class, String.class,
                de.bwaldvogel.mongo.backend.CollectionOptions.class, MVMap.class, MVMap.class, de.bwaldvogel.mongo.backend.CursorRegistry.class);
        for (Class<?> subclass : List.of(SerializedKeyCachingH2Backend.class, SerializedKeyCachingH2Backend.SerializedKeyIndex.class,
                SerializedKeyCachingH2Backend.SerializedKeyType.class, BytesCarryingType.class, innerDatabaseClass(), StoredDocumentCollection.class,
                StoredDocumentType.class, VersionTakenFileStore.class)) {
            for (Method method : subclass.getDeclaredMethods()) {
                int modifiers = method.getModifiers();
                if (method.isSynthetic() || Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers) || Modifier.isAbstract(modifiers)
                        || isOwnHelper(method)) {
                    continue;
                }
                if (declaredAbove(subclass.getSuperclass(), method) == null) {
                    differences.add(new Difference("the library method " + subclass.getSuperclass().getSimpleName() + "."
                            + method.getName() + Arrays.toString(method.getParameterTypes()) + " that the backend overrides",
                            "present", "absent"));
                }
            }
        }
    }

    private static void compareIndexMapName(List<Difference> differences) {
        SerializedKeyCachingH2Backend backend = new SerializedKeyCachingH2Backend(MVStore.open(null));
        try {
            SerializedKeyCachingH2Backend.Database database =
                    (SerializedKeyCachingH2Backend.Database) backend.openOrCreateDatabase("pinned_internals_check");
            String expected = database.indexMapName("events", "streamKey_1");
            String found;
            try {
                Method mapNameForIndex = H2Database.class.getDeclaredMethod("mapNameForIndex", String.class, String.class);
                mapNameForIndex.setAccessible(true);
                found = String.valueOf(mapNameForIndex.invoke(database, "events", "streamKey_1"));
            } catch (ReflectiveOperationException e) {
                found = "no H2Database.mapNameForIndex(String, String) (" + e + ")";
            }
            if (!expected.equals(found)) {
                differences.add(new Difference("the name of a unique index's map (H2Database.mapNameForIndex)", expected, found));
            }
        } finally {
            backend.close();
        }
    }

    /** The backend's own non-overriding methods: the index map name of its database, its gate, the file store's hook. */
    private static boolean isOwnHelper(Method method) {
        return method.getDeclaringClass() == innerDatabaseClass() && method.getName().equals("indexMapName")
                || method.getDeclaringClass() == SerializedKeyCachingH2Backend.class && method.getName().equals("gate")
                || method.getDeclaringClass() == VersionTakenFileStore.class && method.getName().equals("onNextVersionTaken");
    }

    private static void compareDocumentEncoding(List<Difference> differences) {
        de.bwaldvogel.mongo.bson.Document document = new de.bwaldvogel.mongo.bson.Document("_id", "user-7/BTC")
                .append("balance", new java.math.BigDecimal("12.34500000")).append("version", 3L);
        byte[] stock = written(new ObjectDataType(), document);
        byte[] ours = written(new StoredDocumentType(), StoredDocument.of(document));
        if (!Arrays.equals(stock, ours)) {
            differences.add(new Difference("H2's encoding of a collection's document", "the backend's: " + hex(ours), hex(stock)));
        }
    }

    /** The library's queries, which hold their collection's monitor but change nothing. */
    private static final java.util.Set<String> LIBRARY_QUERIES = java.util.Set.of("handleQuery", "handleDistinct");

    private static void compareGatedWrites(List<Difference> differences) {
        for (Method method : de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection.class.getDeclaredMethods()) {
            if (!Modifier.isSynchronized(method.getModifiers()) || LIBRARY_QUERIES.contains(method.getName())) {
                continue;
            }
            try {
                StoredDocumentCollection.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
            } catch (NoSuchMethodException e) {
                differences.add(new Difference("the library's collection write " + method.getName()
                        + Arrays.toString(method.getParameterTypes()), "passing the backend's write gate", "not overridden"));
            }
        }
    }

    private static void compareCollectionMapNames(List<Difference> differences) {
        compareConstant(differences, "DATABASES_PREFIX", "databases.");
        compareConstant(differences, "META_PREFIX", SerializedKeyCachingH2Backend.Database.COLLECTION_META_PREFIX);
    }

    /** A constant of H2Database read at run time: the compiler copied the value the backend was built with. */
    private static void compareConstant(List<Difference> differences, String name, String expected) {
        String found;
        try {
            java.lang.reflect.Field field = H2Database.class.getDeclaredField(name);
            field.setAccessible(true);
            found = String.valueOf(field.get(null));
        } catch (ReflectiveOperationException e) {
            found = "no H2Database." + name + " (" + e + ")";
        }
        if (!expected.equals(found)) {
            differences.add(new Difference("the prefix of a collection's map names (H2Database." + name + ")", expected, found));
        }
    }

    private static Class<?> innerDatabaseClass() {
        return SerializedKeyCachingH2Backend.Database.class;
    }

    private static Method declaredAbove(Class<?> type, Method method) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Method found = c.getDeclaredMethod(method.getName(), method.getParameterTypes());
                if (!Modifier.isPrivate(found.getModifiers())) {
                    return found;
                }
            } catch (NoSuchMethodException e) {
                // not declared at this level: look further up
            }
        }
        return null;
    }

    private static void constructor(List<Difference> differences, Class<?> type, Class<?>... parameters) {
        try {
            type.getDeclaredConstructor(parameters);
        } catch (NoSuchMethodException e) {
            differences.add(new Difference("the constructor " + type.getSimpleName() + Arrays.toString(parameters)
                    + " that the backend calls", "present", "absent"));
        }
    }

    private static byte[] written(ObjectDataType type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        byte[] result = new byte[bytes.remaining()];
        bytes.get(result);
        return result;
    }

    private static String hex(byte[] bytes) {
        String all = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 24));
        return bytes.length > 24 ? all + "… (" + bytes.length + " bytes)" : all;
    }

    private static final Pattern VERSIONED_JAR = Pattern.compile("([0-9][^/!]*?)\\.jar");

    /** The version in the name of the jar a class was loaded from ({@code name-1.2.3.jar}, also nested in a fat jar). */
    private static Optional<String> jarVersion(Class<?> type, String artifact) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        String location = source.getLocation().toString();
        int start = location.lastIndexOf(artifact + "-");
        if (start < 0) {
            return Optional.empty();
        }
        Matcher version = VERSIONED_JAR.matcher(location.substring(start + artifact.length() + 1));
        return version.lookingAt() ? Optional.of(version.group(1)) : Optional.empty();
    }
}
