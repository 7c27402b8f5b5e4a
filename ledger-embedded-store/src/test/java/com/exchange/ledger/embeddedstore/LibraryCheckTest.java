package com.exchange.ledger.embeddedstore;

import de.bwaldvogel.mongo.backend.h2.PinnedInternals;
import de.bwaldvogel.mongo.backend.h2.PinnedInternals.Difference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Library check: the embedded store starts only on the library internals its backend was written against")
class LibraryCheckTest {

    @Test
    @DisplayName("on the pinned versions every internal the backend relies on is as it expects, and the check passes")
    void passesOnThePinnedVersions() {
        assertThat(PinnedInternals.differences()).isEmpty();
        assertThatCode(LibraryCheck::requireThePinnedInternals).doesNotThrowAnyException();
        assertThat(PinnedInternals.foundVersions()).isEqualTo("mongo-java-server " + PinnedInternals.MONGO_JAVA_SERVER_VERSION
                + " with H2 " + PinnedInternals.H2_VERSION);
    }

    @Test
    @DisplayName("the build pins the versions the backend was verified with: moving a pin means checking the backend again")
    void theBuildPinsTheCheckedVersions() throws IOException {
        Properties pinned = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/pinned-versions.properties")) {
            pinned.load(in);
        }
        assertThat(pinned.getProperty("mongo-java-server")).isEqualTo(PinnedInternals.MONGO_JAVA_SERVER_VERSION);
        assertThat(pinned.getProperty("h2")).isEqualTo(PinnedInternals.H2_VERSION);
    }

    @Test
    @DisplayName("a changed internal stops the start with a message naming it, what was found and the versions expected")
    void aChangedInternalFailsTheStart() {
        List<Difference> changed = List.of(new Difference(
                "H2's tag of a Java-serialised object (ObjectDataType.TYPE_SERIALIZED_OBJECT)", "19", "20"));

        assertThatThrownBy(() -> LibraryCheck.verify(changed, "mongo-java-server 1.48.0 with H2 2.4.240"))
                .isInstanceOf(LibraryCheck.Incompatible.class)
                .hasMessageContaining("mongo-java-server 1.47.0 with H2 2.3.232")
                .hasMessageContaining("(mongo-java-server 1.48.0 with H2 2.4.240)")
                .hasMessageContaining("H2's tag of a Java-serialised object (ObjectDataType.TYPE_SERIALIZED_OBJECT) is 20, expected 19")
                .hasMessageContaining("docs/adr/0017-embedded-store-module.md");
    }

    @Test
    @DisplayName("every changed internal is named, not only the first")
    void everyChangeIsNamed() {
        List<Difference> changed = List.of(new Difference("first internal", "a", "b"), new Difference("second internal", "c", "d"));

        assertThatThrownBy(() -> LibraryCheck.verify(changed, "mongo-java-server 1.48.0 with H2 2.3.232"))
                .hasMessageContaining("first internal is b, expected a; second internal is d, expected c");
    }

    @Test
    @DisplayName("no difference, no refusal")
    void noDifferenceNoRefusal() {
        assertThatCode(() -> LibraryCheck.verify(List.of(), "mongo-java-server 1.48.0 with H2 2.4.240")).doesNotThrowAnyException();
    }
}
