package com.exchange.ledger.projections;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The read side's layout: the storage engine knows no view, the views do not know each other (each owns its
 * collection and its queries), and nothing here knows the service (HTTP, Spring) that hosts it, nor the embedded
 * store it may run on.
 */
@AnalyzeClasses(packages = "com.exchange.ledger.projections", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String[] VIEWS = {"com.exchange.ledger.projections.wallets..",
            "com.exchange.ledger.projections.transactions..", "com.exchange.ledger.projections.holds..",
            "com.exchange.ledger.projections.flows..", "com.exchange.ledger.projections.transfers..",
            "com.exchange.ledger.projections.system.."};

    @ArchTest
    static final ArchRule noSpringNoService = noClasses()
            .that().resideInAPackage("com.exchange.ledger.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.exchange.ledger.api..",
                    "com.exchange.ledger.migration..")
            .because("projections are plain Axon handlers and MongoDB driver code; the service wires them");

    @ArchTest
    static final ArchRule onlyTheMongoDbDriver = noClasses()
            .that().resideInAPackage("com.exchange.ledger.projections..")
            .should().dependOnClassesThat().resideInAnyPackage("de.bwaldvogel..", "org.h2..",
                    "com.exchange.ledger.embeddedstore..")
            .because("the read side speaks to any MongoDB through the driver; the embedded stand-in store is the"
                    + " hosts' choice (ledger-embedded-store, ADR 0017)");

    @ArchTest
    static final ArchRule theEventStoreKnowsNoView = noClasses()
            .that().resideInAPackage("com.exchange.ledger.projections.eventstore..")
            .should().dependOnClassesThat().resideInAnyPackage(VIEWS)
            .because("the event store is written before any view exists and must not change when one is added");

    @ArchTest
    static final ArchRule viewsDoNotKnowEachOther = SlicesRuleDefinition.slices()
            .matching("com.exchange.ledger.projections.(wallets|transactions|holds|flows|transfers|system)..")
            .should().notDependOnEachOther()
            .because("each view owns its collection: a view that read another's would see it at another position");
}
