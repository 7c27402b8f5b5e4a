package com.exchange.ledger.api;

import com.mongodb.client.MongoCollection;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's layout, as rules that fail the build: a controller maps HTTP to a use case (no controller calls
 * another, none touches the store), the read models are written only by ledger-projections and queried through the
 * query classes it keeps next to each view, and every package of every module says why it exists.
 */
class ArchitectureTest {

    /** The write operations of the driver's collection: a read model written from here would bypass its view. */
    private static final Set<String> WRITES = Set.of("insertOne", "insertMany", "updateOne", "updateMany", "replaceOne",
            "deleteOne", "deleteMany", "bulkWrite", "findOneAndUpdate", "findOneAndReplace", "findOneAndDelete", "drop");

    private static JavaClasses service;

    @BeforeAll
    static void importTheService() {
        service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.exchange.ledger.api");
    }

    @Test
    void noControllerDependsOnAnotherController() {
        ArchRule rule = noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat(DescribedPredicate.describe("another controller",
                        target -> target.isAnnotatedWith(RestController.class)))
                .because("what two controllers share is a use case: it lives in a service both call");
        // a class's references to itself are not dependencies in ArchUnit's sense, so a controller is not its own
        rule.check(service);
    }

    @Test
    void controllersDoNotTouchTheStore() {
        noClasses().that().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..")
                .because("a controller maps HTTP to a use case; the queries belong to the view that owns the data")
                .check(service);
    }

    @Test
    void theEmbeddedStoreIsStartedThroughItsModule() {
        noClasses().that().resideInAPackage("com.exchange.ledger.api..")
                .should().dependOnClassesThat().resideInAnyPackage("de.bwaldvogel..", "org.h2..")
                .because("mongo-java-server's internals are ledger-embedded-store's concern; the service starts EmbeddedMongo"
                        + " (ADR 0017)")
                .check(service);
    }

    @Test
    void onlyTheProjectionsWriteReadModels() {
        DescribedPredicate<JavaMethodCall> collectionWrite = DescribedPredicate.describe("a write to a MongoDB collection",
                call -> call.getTargetOwner().isAssignableTo(MongoCollection.class) && WRITES.contains(call.getName()));
        noClasses().that().resideInAPackage("com.exchange.ledger.api..")
                // the id directory is the service's own collection (ADR 0003), not a read model; a rebuild drops the
                // token of its temporary processor from Axon's token store
                .and().doNotHaveFullyQualifiedName("com.exchange.ledger.api.ledger.IdDirectory")
                .and().doNotHaveFullyQualifiedName("com.exchange.ledger.api.admin.ProjectionRebuilds")
                .should().callMethodWhere(collectionWrite)
                .because("each read model is written by its projection only, so a rebuild gives back what the service shows")
                .check(service);
    }

    @Test
    void theViewsAreQueriedThroughTheirOwners() {
        noClasses().that().resideInAPackage("com.exchange.ledger.api..")
                // the id directory is the service's own collection (ADR 0003); Axon's wiring and a rebuild read and
                // drop processors' tokens in Axon's token store
                .and().doNotHaveFullyQualifiedName("com.exchange.ledger.api.ledger.IdDirectory")
                .and().doNotHaveFullyQualifiedName("com.exchange.ledger.api.admin.ProjectionRebuilds")
                .and().resideOutsideOfPackage("com.exchange.ledger.api.axon..")
                .should().dependOnClassesThat().resideInAPackage("com.mongodb.client.model..")
                .because("a view's documents are shaped by its projection in ledger-projections, which answers its queries "
                        + "(FlowQueries, WalletsQueries, OpenHoldsQueries, ...): a filter built here breaks silently when the shape changes")
                .check(service);
    }

    @Test
    void everyPackageOfEveryModuleSaysWhyItExists() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> missing;
        try (Stream<Path> modules = Files.list(root)) {
            missing = modules.filter(module -> module.getFileName().toString().startsWith("ledger-"))
                    .map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(ArchitectureTest::packagesWithoutInfo)
                    .toList();
        }
        assertThat(missing).as("packages without a package-info.java").isEmpty();
    }

    @Test
    void noProductionModuleShipsBenchmarks() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> benchmarks;
        try (Stream<Path> modules = Files.list(root)) {
            benchmarks = modules.filter(module -> module.getFileName().toString().startsWith("ledger-"))
                    .filter(module -> !module.getFileName().toString().equals("ledger-benchmarks"))
                    .map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(ArchitectureTest::benchmarkPackages)
                    .toList();
        }
        assertThat(benchmarks).as("benchmark packages outside ledger-benchmarks (ADR 0016: they belong in its jar, not in a "
                + "jar that is deployed)").isEmpty();
    }

    private static Stream<Path> benchmarkPackages(Path sources) {
        try (Stream<Path> directories = Files.walk(sources)) {
            return directories.filter(Files::isDirectory)
                    .filter(directory -> directory.getFileName().toString().toLowerCase(Locale.ROOT).contains("benchmark"))
                    .toList().stream();
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static Stream<Path> packagesWithoutInfo(Path sources) {
        try (Stream<Path> directories = Files.walk(sources)) {
            return directories.filter(Files::isDirectory)
                    .filter(ArchitectureTest::holdsJavaSources)
                    .filter(directory -> !Files.exists(directory.resolve("package-info.java")))
                    .toList().stream();
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    private static boolean holdsJavaSources(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(file -> file.toString().endsWith(".java"));
        } catch (IOException unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }
}
