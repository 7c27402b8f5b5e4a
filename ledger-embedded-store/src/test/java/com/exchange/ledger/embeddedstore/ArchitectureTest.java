package com.exchange.ledger.embeddedstore;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The embedded store is infrastructure beside the ledger: it knows no ledger code and no framework, so the service
 * and the migration can both start it, and a deployment on MongoDB never needs it.
 */
@AnalyzeClasses(packages = {"com.exchange.ledger.embeddedstore", "de.bwaldvogel.mongo.backend.h2"},
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule knowsNoLedger = noClasses()
            .that().resideInAnyPackage("com.exchange.ledger.embeddedstore..", "de.bwaldvogel.mongo.backend.h2..")
            .should().dependOnClassesThat().resideInAnyPackage("com.exchange.ledger.core..",
                    "com.exchange.ledger.projections..", "com.exchange.ledger.api..", "com.exchange.ledger.migration..",
                    "org.springframework..", "org.axonframework..")
            .because("the embedded store stands in for MongoDB; it must serve any code that speaks the wire protocol");

    @ArchTest
    static final ArchRule theLibrarysPackageHoldsOnlyTheBackend = noClasses()
            .that().resideInAPackage("de.bwaldvogel.mongo.backend.h2..")
            .should().dependOnClassesThat().resideInAPackage("com.exchange.ledger..")
            .because("the classes in the library's package are there only for its package-private internals");
}
