package com.exchange.ledger.api;

import com.exchange.ledger.core.testing.ExternalStore;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;

/**
 * Where a service under test keeps its data: the embedded store in a temporary data directory, or, with
 * {@code -Dledger.test.mongo-url} (the {@code external-store} profile, {@link ExternalStore}), that MongoDB in a
 * database of the test class's own ({@code ledger.db-name}), dropped after the class by {@link Cleanup}.
 * {@code @DynamicPropertySource static void store(DynamicPropertyRegistry r) { TestStore.register(r, "ledger-commands"); }}
 */
public final class TestStore {

    private TestStore() {
    }

    public static void register(DynamicPropertyRegistry registry, String label) {
        String url = ExternalStore.url().orElse(null);
        if (url != null) {
            String database = ExternalStore.uniqueDatabaseName(label);
            registry.add("ledger.mongo-url", () -> url);
            registry.add("ledger.db-name", () -> database);
            return;
        }
        try {
            String dataDir = Files.createTempDirectory(label + "-").toString();
            registry.add("ledger.data-dir", () -> dataDir);
            registry.add("ledger.mongo-url", () -> "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * After a class that ran against the external store: closes its service (its processors would write tokens into
     * the database again) and drops the class's database. Registered for every test class in META-INF/spring.factories;
     * it does nothing on the embedded store, nor to a database whose name the tests did not make.
     */
    public static final class Cleanup extends AbstractTestExecutionListener {

        @Override
        public int getOrder() {
            // after the other listeners' afterTestClass (those run in reverse order: the lowest order runs last)
            return 0;
        }

        @Override
        public void afterTestClass(TestContext testContext) {
            if (!ExternalStore.active() || !testContext.hasApplicationContext() || isNested(testContext.getTestClass())) {
                return;
            }
            ApplicationContext context = testContext.getApplicationContext();
            Environment environment = context.getEnvironment();
            String url = environment.getProperty("ledger.mongo-url", "");
            String database = environment.getProperty("ledger.db-name");
            if (url.isBlank() || !ExternalStore.isTestDatabase(database)) {
                return;
            }
            testContext.markApplicationContextDirty(DirtiesContext.HierarchyMode.EXHAUSTIVE);
            try (MongoClient client = MongoClients.create(url)) {
                client.getDatabase(database).drop();
            }
        }

        /** A {@code @Nested} class shares its outer class's service: that one is closed after the outer class. */
        private static boolean isNested(Class<?> testClass) {
            return testClass.getEnclosingClass() != null && !Modifier.isStatic(testClass.getModifiers());
        }
    }
}
