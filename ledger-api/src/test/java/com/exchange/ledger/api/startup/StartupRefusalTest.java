package com.exchange.ledger.api.startup;

import com.exchange.ledger.embeddedstore.LibraryCheck;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Start-up refusal: an embedded store built on a library it does not know is said in a sentence")
class StartupRefusalTest {

    @Test
    @DisplayName("the library check's refusal, deep in the bean failures, is the sentence shown, with the way out")
    void incompatibleLibraryIsARefusal() {
        LibraryCheck.Incompatible incompatible = new LibraryCheck.Incompatible("the embedded store cannot start: it relies"
                + " on internals of mongo-java-server 1.47.0 with H2 2.3.232");
        Throwable failure = new IllegalStateException("context failed",
                new BeanCreationException("embeddedMongo", "creation failed", incompatible));

        assertThat(StartupRefusal.in(failure)).hasValueSatisfying(refusal -> assertThat(refusal.getMessage())
                .startsWith(incompatible.getMessage())
                .endsWith("; or set MONGO_URL to run on MongoDB"));
    }

    @Test
    @DisplayName("any other failure is not a refusal: it keeps its stack trace")
    void otherFailuresAreNot() {
        assertThat(StartupRefusal.in(new IllegalStateException("something else"))).isEmpty();
    }
}
