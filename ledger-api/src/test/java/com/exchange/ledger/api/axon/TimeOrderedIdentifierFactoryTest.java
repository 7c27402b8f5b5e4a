package com.exchange.ledger.api.axon;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Axon's message identifiers come from {@link TimeOrderedIdentifierFactory} (ADR 0022): UUIDv7, unique, time-ordered. */
class TimeOrderedIdentifierFactoryTest {

    /** RFC 9562's version 7 in its text form: version nibble 7, variant bits 10 (8, 9, a or b). */
    private static final Pattern VERSION_7 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final long MAX_MILLIS = (1L << 48) - 1;

    private final TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory();

    private static void assertVersion7(String id) {
        assertThat(id).matches(VERSION_7);
        UUID parsed = UUID.fromString(id);
        assertThat(parsed.version()).isEqualTo(7);
        assertThat(parsed.variant()).isEqualTo(2);
        assertThat(parsed.toString()).isEqualTo(id);
    }

    @Test
    @DisplayName("Axon's ServiceLoader look-up picks it: every message the ledger makes carries a version 7 id")
    void axonUsesIt() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        assertVersion7(new GenericMessage<>("payload").getIdentifier());
    }

    @Property(tries = 2_000)
    @Label("any millisecond and any random bits make a valid version 7, variant 2 UUID string that keeps the millisecond")
    void layout(@ForAll @LongRange(min = 0, max = MAX_MILLIS) long millis, @ForAll long randomA, @ForAll long randomB) {
        UUID id = TimeOrderedIdentifierFactory.of(millis, randomA, randomB);

        assertVersion7(id.toString());
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        // the 74 random bits are kept, none is lost to the layout
        assertThat(id.getMostSignificantBits() & 0x0FFFL).isEqualTo(randomA & 0x0FFFL);
        assertThat(id.getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL).isEqualTo(randomB & 0x3FFF_FFFF_FFFF_FFFFL);
    }

    @Property(tries = 2_000)
    @Label("an id of a later millisecond sorts after as text (Axon's form), whatever the random bits")
    void orderedAcrossMilliseconds(@ForAll @LongRange(min = 0, max = MAX_MILLIS - 1) long earlier, @ForAll @LongRange(min = 1, max = MAX_MILLIS) long gap,
                                   @ForAll long randomA, @ForAll long randomB, @ForAll long laterA, @ForAll long laterB) {
        long later = Math.min(MAX_MILLIS, earlier + gap);
        UUID first = TimeOrderedIdentifierFactory.of(earlier, randomA, randomB);
        UUID second = TimeOrderedIdentifierFactory.of(later, laterA, laterB);

        assertThat(first.toString()).isLessThan(second.toString());
    }

    @Test
    @DisplayName("a millisecond outside 48 bits is refused, not wrapped")
    void millisecondsBounded() {
        assertThatThrownBy(() -> TimeOrderedIdentifierFactory.of(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimeOrderedIdentifierFactory.of(MAX_MILLIS + 1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("the ids the clock makes are time-ordered across milliseconds and carry the current millisecond")
    void liveIdsFollowTheClock() {
        long before = System.currentTimeMillis();
        String first = factory.generateIdentifier();
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > UUID.fromString(first).getMostSignificantBits() >>> 16);
        String second = factory.generateIdentifier();

        assertVersion7(first);
        assertVersion7(second);
        assertThat(UUID.fromString(first).getMostSignificantBits() >>> 16).isBetween(before, System.currentTimeMillis());
        assertThat(first).isLessThan(second);
    }

    @Test
    @DisplayName("1,000,000 ids from 4 threads at once: every one a version 7 UUID, no two alike")
    void noDuplicatesAcrossThreads() throws Exception {
        int threads = 4;
        int perThread = 250_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<UUID[]>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(() -> {
                    UUID[] made = new UUID[perThread];
                    for (int i = 0; i < perThread; i++) {
                        String id = factory.generateIdentifier();
                        made[i] = UUID.fromString(id);
                        if (made[i].version() != 7 || made[i].variant() != 2) {
                            throw new AssertionError("not a version 7, variant 2 UUID: " + id);
                        }
                    }
                    return made;
                });
            }
            UUID[] all = new UUID[threads * perThread];
            int filled = 0;
            for (Future<UUID[]> made : pool.invokeAll(work)) {
                UUID[] ids = made.get();
                System.arraycopy(ids, 0, all, filled, ids.length);
                filled += ids.length;
            }
            Arrays.sort(all);
            int duplicates = 0;
            for (int i = 1; i < all.length; i++) {
                if (all[i].equals(all[i - 1])) {
                    duplicates++;
                }
            }
            assertThat(filled).isEqualTo(1_000_000);
            assertThat(duplicates).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
