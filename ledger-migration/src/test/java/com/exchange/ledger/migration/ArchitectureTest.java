package com.exchange.ledger.migration;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The migration is a batch tool beside the service: it needs the domain and the event store, never the service. */
@AnalyzeClasses(packages = "com.exchange.ledger.migration", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule independentOfTheService = noClasses()
            .that().resideInAPackage("com.exchange.ledger.migration..")
            .should().dependOnClassesThat().resideInAnyPackage("com.exchange.ledger.api..", "org.springframework..")
            .because("the migration runs while the service is stopped, from its own jar");

    @ArchTest
    static final ArchRule theEmbeddedStoreIsStartedThroughItsModule = noClasses()
            .that().resideInAPackage("com.exchange.ledger.migration..")
            .should().dependOnClassesThat().resideInAnyPackage("de.bwaldvogel..", "org.h2..")
            .because("mongo-java-server's internals are ledger-embedded-store's concern; the migration starts EmbeddedMongo"
                    + " (ADR 0017)");

    @ArchTest
    static final ArchRule legacyReadingKnowsNoLedger = noClasses()
            .that().resideInAPackage("com.exchange.ledger.migration.legacy..")
            .should().dependOnClassesThat().resideInAnyPackage("com.exchange.ledger.projections..",
                    "org.axonframework..")
            .because("reading the legacy collections is plain data work; events are made only by the seeding step");
}
